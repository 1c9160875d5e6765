/// Why a policy document was refused: the path of the offending field and what is wrong with it.
public struct PolicyError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The field's path from the document's root, e.g. `Statement[1].Condition.StringEquals`. Statement
    /// indexes count from 0, as in the JSON list; a lone statement object is just `Statement`. Empty for the
    /// document as a whole.
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}
