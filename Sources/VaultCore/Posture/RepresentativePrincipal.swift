/// The principals the posture checks ask about: not the admins, but anyone else of the account
/// a guardrail must stop. Each kind reaches EventBridge and IAM differently (a role through its
/// session issuer, a user and root by their own ARN), so each is asked separately; and for each
/// admin, two roles named like it, which a wildcard exemption (`role/BackupVaultAdmin*`,
/// `*Admin*`) would let through, plus the roles IAM Identity Center makes.
public struct RepresentativePrincipal: Sendable, Equatable {
    public var principal: Principal
    /// "a non-admin role", "an IAM user", "the root user", "role BackupVaultAdmin-impostor".
    public var description: String

    public static func all(account: String, admins: [String] = []) -> [RepresentativePrincipal] {
        var all = [
            RepresentativePrincipal(
                principal: .role("AnyOtherRole", session: "vaultwatch-check", account: account),
                description: "a non-admin role"),
            RepresentativePrincipal(principal: .user("any-user", account: account), description: "an IAM user"),
            RepresentativePrincipal(principal: .root(account: account), description: "the root user"),
            RepresentativePrincipal(
                principal: .role(
                    "aws-reserved/sso.amazonaws.com/AWSReservedSSO_AdministratorAccess_0123456789abcdef",
                    session: "someone", account: account),
                description: "an Identity Center role"),
        ]
        for admin in admins {
            guard let arn = ARN(admin), arn.service == "iam", arn.resource.hasPrefix("role/") else { continue }
            let path = arn.resource.dropFirst("role/".count)
            let name = path.split(separator: "/").last.map(String.init) ?? String(path)
            let folder = path.dropLast(name.count)
            for lookalike in ["\(name)-impostor", "Impostor-\(name)"] {
                all.append(
                    RepresentativePrincipal(
                        principal: .role(folder + lookalike, session: "vaultwatch-check", account: arn.account),
                        description: "role \(lookalike)"))
            }
        }
        return all
    }
}
