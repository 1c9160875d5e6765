import Foundation

/// An IAM policy document (a vault access policy, an SCP), with the name the operator knows it by.
public struct PolicyDocument: Equatable, Sendable {
    /// What the operator calls it: a file name, "access policy of WORM_vault", an SCP's name.
    public var name: String
    /// `2012-10-17`, `2008-10-17`, or `nil` when absent (which IAM reads as `2008-10-17`).
    public var version: String?
    public var statements: [PolicyStatement]
    /// Whether `Statement` was a list (paths `Statement[0]`, …) rather than one object (path `Statement`).
    var statementIsList = true

    public init(name: String, version: String? = "2012-10-17", statements: [PolicyStatement]) {
        self.name = name
        self.version = version
        self.statements = statements
    }

    /// The path of the statement at `index` in errors: `Statement[1]`, or `Statement` for a lone object.
    func path(ofStatement index: Int) -> String { statementIsList ? "Statement[\(index)]" : "Statement" }

    /// The versions IAM accepts.
    public static let versions = ["2012-10-17", "2008-10-17"]

    /// Reads a policy document's JSON text, refusing what IAM refuses with the offending field's path.
    public static func parse(_ text: String, name: String) throws(PolicyError) -> PolicyDocument {
        let json: JSONValue
        do {
            json = try JSONValue(data: Data(text.utf8))
        } catch {
            throw PolicyError(path: "", message: "policy is not valid JSON\(JSONValue.place(of: error))")
        }
        return try PolicyParser.document(json, name: name)
    }

    /// Reads a policy document already parsed as JSON.
    public static func parse(json: JSONValue, name: String) throws(PolicyError) -> PolicyDocument {
        try PolicyParser.document(json, name: name)
    }
}
