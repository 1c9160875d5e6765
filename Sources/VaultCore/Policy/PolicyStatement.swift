/// `Allow` or `Deny`, spelled exactly so.
public enum PolicyEffect: String, Equatable, Sendable {
    case allow = "Allow"
    case deny = "Deny"
}

/// One statement of a policy document.
public struct PolicyStatement: Equatable, Sendable {
    /// The statement's place in the document's `Statement` list, from 0.
    public var index: Int
    public var sid: String?
    public var effect: PolicyEffect
    /// `Principal` or `NotPrincipal`; `nil` when the statement has neither (as an SCP's must).
    public var principal: PolicyScope<PolicyPrincipals>?
    /// `Action` or `NotAction`.
    public var action: PolicyScope<[PolicyPattern]>
    /// `Resource` or `NotResource`.
    public var resource: PolicyScope<[PolicyPattern]>
    /// The `Condition` block, one entry per operator and key, in the order operator then key name.
    public var conditions: [PolicyCondition]
    /// Whether `${…}` is a policy variable rather than text: true under Version `2012-10-17` only.
    public var resolvesPolicyVariables: Bool

    public init(
        index: Int, sid: String? = nil, effect: PolicyEffect, principal: PolicyScope<PolicyPrincipals>? = nil,
        action: PolicyScope<[PolicyPattern]>, resource: PolicyScope<[PolicyPattern]>,
        conditions: [PolicyCondition] = [], resolvesPolicyVariables: Bool = true
    ) {
        self.index = index
        self.sid = sid
        self.effect = effect
        self.principal = principal
        self.action = action
        self.resource = resource
        self.conditions = conditions
        self.resolvesPolicyVariables = resolvesPolicyVariables
    }

    /// How an operator names the statement: `Sid "DenyNonAdmins"`, or `statement 2` (counting from 1)
    /// when it has no Sid.
    public var label: String {
        if let sid, !sid.isEmpty { return "Sid \"\(sid)\"" }
        return "statement \(index + 1)"
    }

    /// What the statement says about a request: the finding, and whether it reaches the caller only through
    /// its account (a resource policy's `Principal` naming the account).
    struct Finding: Equatable, Sendable {
        var finding: PolicyFinding
        var byAccountOnly = false
    }

    /// Whether the statement applies to `request`, and why. A resource policy's statements are matched
    /// against the caller (`Principal` / `NotPrincipal`); identity policies and SCPs bind their own
    /// principals. The reasons a statement does not apply are built only when `explaining`.
    func check(_ request: AccessRequest, as kind: PolicyKind, explaining: Bool = false) -> Finding {
        var byAccountOnly = false
        if kind == .resourcePolicy, let principal {
            switch principal {
            case .only(let named):
                switch named.match(request) {
                case .none: return Finding(finding: .fails(explaining ? "Principal does not name \(request.callerArn)" : ""))
                case .byAccount: byAccountOnly = true
                case .byName: break
                }
            case .allBut(let exempt):
                if exempt.exempts(request) {
                    return Finding(finding: .fails(explaining ? "NotPrincipal exempts \(request.callerArn)" : ""))
                }
            }
        }
        var unknown: (reason: String, missing: [String])?
        func note(_ reason: String, _ missing: [String]) {
            if unknown == nil { unknown = (reason, missing) } else { unknown!.missing += missing }
        }
        switch coversAction(request.action, wildcardsUnsupported: kind == .resourcePolicy) {
        case .fails:
            let verb = action.isNegated ? "NotAction covers" : "Action does not cover"
            return Finding(finding: .fails(explaining ? "\(verb) \(request.action)" : ""))
        case .unknown(let why, let missing): note(why, missing)
        case .holds: break
        }
        switch coversResource(request.resource, in: request.context) {
        case .fails:
            let verb = resource.isNegated ? "NotResource covers" : "Resource does not cover"
            return Finding(finding: .fails(explaining ? "\(verb) \(request.resource)" : ""))
        case .unknown(let why, let missing): note(why, missing)
        case .holds: break
        }
        var reasons: [String] = []
        for condition in conditions {
            switch condition.evaluate(in: request.context, explaining: explaining) {
            case .fails(let why): return Finding(finding: .fails(why))
            case .unknown(let why, let missing): note(why, missing)
            case .holds(let why): reasons.append(why)
            }
        }
        if let unknown { return Finding(finding: .unknown(unknown.reason, missing: unknown.missing), byAccountOnly: byAccountOnly) }
        let why =
            reasons.isEmpty
            ? "it covers \(request.action) on \(request.resource) without conditions" : reasons.joined(separator: "; ")
        return Finding(finding: .holds(why), byAccountOnly: byAccountOnly)
    }

    static func covers(_ scope: PolicyScope<[PolicyPattern]>, _ action: String) -> Bool {
        let listed = scope.value.contains { $0.matches(action) }
        return scope.isNegated ? !listed : listed
    }

    /// Whether the statement's `Action` covers `action`. "AWS Backup … vault access policy … does not support
    /// wildcards in the Action element": in a vault access policy, an action reached only through a wildcard
    /// is not guessed at.
    func coversAction(_ name: String, wildcardsUnsupported: Bool) -> PolicyFinding {
        guard wildcardsUnsupported, !action.isNegated else {
            return Self.covers(action, name) ? .holds("") : .fails("")
        }
        var wildcard: PolicyPattern?
        for pattern in action.value where pattern.matches(name) {
            guard pattern.hasWildcard else { return .holds("") }
            wildcard = wildcard ?? pattern
        }
        guard let wildcard else { return .fails("") }
        return .unknown(
            "Action \"\(wildcard.text)\" reaches \(name) only through a wildcard, which a vault access policy does not "
                + "support")
    }

    /// Whether `Resource` (or `NotResource`) covers `arn`, policy variables resolved in `context`.
    func coversResource(_ arn: String, in context: RequestContext = RequestContext()) -> PolicyFinding {
        var unknown: PolicyFinding?
        for pattern in resource.value {
            let matched: Bool
            if resolvesPolicyVariables, pattern.text.contains("${") {
                switch VariableText(pattern.text, resolves: true).resolve(in: context) {
                case .resolved(let parts): matched = PolicyPattern(parts: parts, .resource).matches(arn)
                case .noValue: matched = false
                case .unknown(let key):
                    let element = resource.isNegated ? "NotResource" : "Resource"
                    unknown = unknown
                        ?? .unknown(
                            "\(element) \"\(pattern.text)\" uses the policy variable ${\(key)}, which is not known for "
                                + "this request", missing: [key])
                    continue
                }
            } else {
                matched = pattern.matches(arn)
            }
            if matched { return resource.isNegated ? .fails("") : .holds("") }
        }
        if let unknown { return unknown }
        return resource.isNegated ? .holds("") : .fails("")
    }
}
