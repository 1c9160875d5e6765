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

    /// Whether the statement applies to `request`, and why. `checksPrincipal` is false for an SCP, which
    /// binds every principal of the accounts it is attached to.
    func check(_ request: AccessRequest, checksPrincipal: Bool) -> PolicyFinding {
        if checksPrincipal, let principal {
            switch principal {
            case .only(let named): guard named.names(request.principalArn) else { return .fails }
            case .allBut(let exempt): guard !exempt.exempts(request.principalArn) else { return .fails }
            }
        }
        guard Self.covers(action, request.action) else { return .fails }
        var unknown: String?
        switch coversResource(request.resource) {
        case .fails: return .fails
        case .unknown(let why): unknown = why
        case .holds: break
        }
        var reasons: [String] = []
        for condition in conditions {
            switch condition.evaluate(in: request.context) {
            case .fails: return .fails
            case .unknown(let why): unknown = unknown ?? why
            case .holds(let why): reasons.append(why)
            }
        }
        if let unknown { return .unknown(unknown) }
        if reasons.isEmpty {
            return .holds("it covers \(request.action) on \(request.resource) without conditions")
        }
        return .holds(reasons.joined(separator: "; "))
    }

    static func covers(_ scope: PolicyScope<[PolicyPattern]>, _ action: String) -> Bool {
        let listed = scope.value.contains { $0.matches(action) }
        return scope.isNegated ? !listed : listed
    }

    /// A resource pattern holding a policy variable cannot be matched; it decides nothing unless no other
    /// pattern does.
    func coversResource(_ arn: String) -> PolicyFinding {
        var variable: String?
        for pattern in resource.value {
            if resolvesPolicyVariables, pattern.text.contains("${") {
                variable = variable ?? pattern.text
            } else if pattern.matches(arn) {
                return resource.isNegated ? .fails : .holds("")
            }
        }
        if let variable {
            let element = resource.isNegated ? "NotResource" : "Resource"
            return .unknown("\(element) \"\(variable)\" uses a policy variable, which is not resolved")
        }
        return resource.isNegated ? .holds("") : .fails
    }
}
