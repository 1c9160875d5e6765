/// The condition keys of a request and their values. Keys are case-insensitive, as IAM's are; a key may
/// hold several values (a multivalued key, for the `ForAnyValue:` / `ForAllValues:` operators).
public struct RequestContext: Equatable, Sendable {
    /// The global keys this evaluator knows. When one of them is missing from a request, it is known to be
    /// absent (`aws:PrincipalOrgID` for a principal outside any organization, `aws:SourceAccount` for a
    /// call no service makes on someone's behalf). Any other key a condition names is unknown unless the
    /// request carries it.
    public static let supportedKeys = [
        "aws:PrincipalArn", "aws:PrincipalOrgID", "aws:PrincipalAccount", "aws:SourceAccount",
    ]
    static let supportedFoldedKeys = Set(supportedKeys.map { $0.lowercased() })

    private var values: [String: [String]] = [:]

    public init(_ values: [String: [String]] = [:]) {
        for (key, keyValues) in values { self[key] = keyValues }
    }

    /// The values of `key`, or `nil` when the request does not carry it.
    public subscript(key: String) -> [String]? {
        get { values[key.lowercased()] }
        set { values[key.lowercased()] = newValue }
    }

    /// The values of a key already lowercased.
    func values(folded key: String) -> [String]? { values[key] }

    /// Whether a condition on the lowercased `key` can be decided: the request carries it, or it is a
    /// supported key.
    func knows(folded key: String) -> Bool { values[key] != nil || Self.supportedFoldedKeys.contains(key) }
}

/// One call to judge: who (`principalArn`), what (`action`, e.g. `backup:DeleteRecoveryPoint`), on what
/// (`resource`, an ARN), and the request's condition keys.
public struct AccessRequest: Equatable, Sendable {
    /// The IAM principal as `aws:PrincipalArn` reports it: a user, a role (not the role's session), or
    /// an account's root.
    public var principalArn: String
    public var action: String
    public var resource: String
    public var context: RequestContext

    public init(principalArn: String, action: String, resource: String, context: RequestContext) {
        self.principalArn = principalArn
        self.action = action
        self.resource = resource
        self.context = context
    }

    /// A request with `aws:PrincipalArn` and `aws:PrincipalAccount` taken from `principalArn`, and
    /// `aws:PrincipalOrgID` and `aws:SourceAccount` when given (absent otherwise).
    public init(
        principalArn: String, action: String, resource: String, orgID: String? = nil, sourceAccount: String? = nil
    ) {
        var context = RequestContext(["aws:PrincipalArn": [principalArn]])
        if let account = ARN(principalArn)?.account, !account.isEmpty { context["aws:PrincipalAccount"] = [account] }
        if let orgID { context["aws:PrincipalOrgID"] = [orgID] }
        if let sourceAccount { context["aws:SourceAccount"] = [sourceAccount] }
        self.init(principalArn: principalArn, action: action, resource: resource, context: context)
    }
}
