/// The principals the posture checks ask about: not the admins, but anyone else of the account
/// a guardrail must stop. Each kind reaches EventBridge and IAM differently (a role through its
/// session issuer, a user and root by their own ARN), so each is asked separately.
public struct RepresentativePrincipal: Sendable, Equatable {
    public var principal: Principal
    /// "a non-admin role", "an IAM user", "the root user".
    public var description: String

    public static func all(account: String) -> [RepresentativePrincipal] {
        [
            RepresentativePrincipal(
                principal: .role("AnyOtherRole", session: "vaultwatch-check", account: account),
                description: "a non-admin role"),
            RepresentativePrincipal(principal: .user("any-user", account: account), description: "an IAM user"),
            RepresentativePrincipal(principal: .root(account: account), description: "the root user"),
        ]
    }
}
