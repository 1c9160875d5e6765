/// The principals the posture checks ask about: not the admins, but anyone else of the account
/// a guardrail must stop. Each kind reaches EventBridge and IAM differently (a role through its
/// session issuer, a user and root by their own ARN), so each is asked separately; and for each
/// admin, two roles named like it, which a wildcard exemption (`role/BackupVaultAdmin*`,
/// `*Admin*`) would let through, plus the roles IAM Identity Center makes.
public struct RepresentativePrincipal: Sendable, Equatable {
    public var principal: Principal
    /// "a non-admin role", "an IAM user", "the root user", "role BackupVaultAdmin-impostor".
    public var description: String

    /// A principal a policy exempts by its exact ARN although it is not an admin: asked too,
    /// so an exemption wider than the admins fails the checks.
    public static func exempted(_ text: String) -> RepresentativePrincipal? {
        guard let arn = ARN(text), arn.service == "iam", !arn.account.isEmpty else { return nil }
        let name = "\(arn.resource) (exempted, not an admin)"
        if arn.resource == "root" { return RepresentativePrincipal(principal: .root(account: arn.account), description: name) }
        if arn.resource.hasPrefix("user/") {
            return RepresentativePrincipal(
                principal: Principal(kind: .iamUser, arn: text, accountId: arn.account), description: name)
        }
        guard arn.resource.hasPrefix("role/") else { return nil }
        return RepresentativePrincipal(
            principal: Principal(
                kind: .assumedRole,
                arn: "arn:\(arn.partition):sts::\(arn.account):assumed-role/\(arn.resource.split(separator: "/").last ?? "")/check",
                issuerArn: text, accountId: arn.account),
            description: name)
    }

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
