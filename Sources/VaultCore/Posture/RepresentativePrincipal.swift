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
        guard let principal = Principal.calling(asIAM: text) else { return nil }
        return RepresentativePrincipal(principal: principal, description: "\(ARN(text)!.resource) (exempted, not an admin)")
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

extension Principal {
    /// The principal an IAM ARN stands for, as it would call: a role through a session (named
    /// `vaultwatch-check`; a session ARN does not carry the role's path), a user or root as itself; `nil`
    /// for anything else.
    static func calling(asIAM text: String) -> Principal? {
        guard let arn = ARN(text), arn.service == "iam", !arn.account.isEmpty else { return nil }
        if arn.resource == "root" { return .root(account: arn.account) }
        if arn.resource.hasPrefix("user/") { return Principal(kind: .iamUser, arn: text, accountId: arn.account) }
        guard arn.resource.hasPrefix("role/") else { return nil }
        return Principal(
            kind: .assumedRole,
            arn: "arn:\(arn.partition):sts::\(arn.account):assumed-role/\(arn.shortName)/vaultwatch-check",
            issuerArn: text, accountId: arn.account)
    }

    /// As `calling(asIAM:)`, keeping any other ARN as it is.
    static func calling(as text: String) -> Principal {
        calling(asIAM: text) ?? Principal(kind: .iamUser, arn: text, accountId: ARN(text)?.account ?? "")
    }
}
