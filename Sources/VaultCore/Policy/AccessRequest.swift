/// The condition keys of a request and their values. Keys are case-insensitive, as IAM's are; a key may
/// hold several values (a multivalued key, for the `ForAnyValue:` / `ForAllValues:` operators).
///
/// A key the request does not carry is *absent* when IAM sets it whenever it applies (`ConditionKeys`), and
/// *unknown* otherwise — unless the asker says it cannot know a family of keys either (the tags of a
/// principal vaultwatch only imagines), with `treatAsUnknown`.
public struct RequestContext: Equatable, Sendable {
    /// What the request says about one key.
    public enum Lookup: Equatable, Sendable {
        case present([String])
        case absent
        case unknown
    }

    private var values: [String: [String]] = [:]
    /// Lowercased keys, or prefixes ending in `/`, that are unknown when missing even though IAM would set
    /// them when they apply.
    private var unknownWhenMissing: Set<String> = []

    public init(_ values: [String: [String]] = [:]) {
        for (key, keyValues) in values { self[key] = keyValues }
    }

    /// The values of `key`, or `nil` when the request does not carry it.
    public subscript(key: String) -> [String]? {
        get { values[key.lowercased()] }
        set { values[key.lowercased()] = newValue }
    }

    /// Marks `keyOrPrefix` (e.g. `aws:PrincipalTag/`) as unknown rather than absent when missing.
    public mutating func treatAsUnknown(_ keyOrPrefix: String) { unknownWhenMissing.insert(keyOrPrefix.lowercased()) }

    /// Adds every key of `derived` the context does not already give.
    public mutating func fill(_ derived: [String: [String]]) {
        for (key, keyValues) in derived where self[key] == nil { self[key] = keyValues }
    }

    /// What the request says about the lowercased `key`.
    func lookup(folded key: String) -> Lookup {
        if let present = values[key] { return present.isEmpty ? .absent : .present(present) }
        if unknownWhenMissing.contains(key) || unknownWhenMissing.contains(where: { $0.hasSuffix("/") && key.hasPrefix($0) }) {
            return .unknown
        }
        return ConditionKeys.isSetWhenItApplies(folded: key) ? .absent : .unknown
    }
}

/// One call to judge: who signs it (`callerArn`), the IAM principal behind it (`principalArn`, as
/// `aws:PrincipalArn` reports it), what (`action`, e.g. `backup:DeleteRecoveryPoint`), on what (`resource`,
/// an ARN), and the request's condition keys.
public struct AccessRequest: Equatable, Sendable {
    /// The ARN that signs: a role session, a user, root, or a federated user. A Principal or NotPrincipal
    /// that names a role session matches this.
    public var callerArn: String
    /// A user, a role (not the role's session), or an account's root.
    public var principalArn: String
    public var action: String
    public var resource: String
    public var context: RequestContext

    public init(
        callerArn: String? = nil, principalArn: String, action: String, resource: String, context: RequestContext
    ) {
        self.callerArn = callerArn ?? principalArn
        self.principalArn = principalArn
        self.action = action
        self.resource = resource
        self.context = context
    }

    /// A request with `aws:PrincipalArn` and `aws:PrincipalAccount` taken from `principalArn`, and
    /// `aws:PrincipalOrgID` and `aws:SourceAccount` when given (absent otherwise). The principal's tags are
    /// unknown: nothing here says what they are.
    public init(
        principalArn: String, callerArn: String? = nil, action: String, resource: String, orgID: String? = nil,
        sourceAccount: String? = nil
    ) {
        var context = RequestContext(["aws:PrincipalArn": [principalArn]])
        if let account = ARN(principalArn)?.account, !account.isEmpty { context["aws:PrincipalAccount"] = [account] }
        if let orgID { context["aws:PrincipalOrgID"] = [orgID] }
        if let sourceAccount { context["aws:SourceAccount"] = [sourceAccount] }
        context.treatAsUnknown("aws:PrincipalTag/")
        self.init(
            callerArn: callerArn, principalArn: principalArn, action: action, resource: resource, context: context)
    }

    /// The request `caller` makes: the keys IAM derives from the caller and the resource
    /// (`aws:PrincipalArn`, `aws:PrincipalAccount`, `aws:PrincipalType`, `aws:username`, `aws:userid`,
    /// `aws:ResourceAccount`, …) are added where `context` does not give them. `aws:PrincipalArn` given in
    /// the context (a role with a path) is the principal.
    public init(caller: Caller, action: String, resource: String, context: RequestContext) {
        var context = context
        context.fill(caller.derivedContext)
        if let account = ARN(resource)?.account, !account.isEmpty { context.fill(["aws:ResourceAccount": [account]]) }
        let calledVia = context["aws:CalledVia"].map { !$0.isEmpty } ?? false
        context.fill(["aws:ViaAWSService": [calledVia ? "true" : "false"]])
        let principal = context["aws:PrincipalArn"]?.first ?? caller.principalArn
        self.init(callerArn: caller.arn, principalArn: principal, action: action, resource: resource, context: context)
    }

    /// The account that signs, from the caller's ARN.
    var callerAccount: String? { ARN(callerArn).map(\.account).flatMap { $0.isEmpty ? nil : $0 } }
}
