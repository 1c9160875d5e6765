/// The SCPs that bind an account, level by level from the organization's root down to the account
/// (AWS Organizations User Guide, *SCP evaluation*): "For a permission to be allowed for a specific account,
/// there must be an explicit Allow statement at every level from the root through each OU in the direct path
/// to the account (including the target account itself)", and "if there is an explicit Deny at any level,
/// the permission is denied". A level whose `FullAWSAccess` was detached for an allow-list allows only what
/// the list allows.
///
/// SCPs "do not affect … service-linked roles" nor "users or roles in the management account".
public struct ServiceControlPolicies: Equatable, Sendable {
    /// The documents attached at each level, the root first, the account last.
    public var levels: [[PolicyDocument]]
    /// The organization's management account, which no SCP binds; `nil` when not known.
    public var managementAccount: String?
    /// Whether `FullAWSAccess` was added to a flat list of Deny-only SCPs (see `init(flat:)`).
    public private(set) var assumesFullAWSAccess = false

    public init(levels: [[PolicyDocument]], managementAccount: String? = nil) {
        self.levels = levels
        self.managementAccount = managementAccount
    }

    /// No SCP at all: an account outside any organization, or one whose every level holds only
    /// `FullAWSAccess`.
    public static let none = ServiceControlPolicies(levels: [])

    /// `FullAWSAccess`, the SCP AWS Organizations attaches at every level by default.
    public static let fullAWSAccess = PolicyDocument(
        name: "FullAWSAccess", version: "2012-10-17",
        statements: [
            PolicyStatement(
                index: 0, effect: .allow, action: .only([PolicyPattern("*", .action)]),
                resource: .only([PolicyPattern("*", .resource)]))
        ])

    /// SCPs known only as a list, without their levels (today's `--scp` files and the store's SCP records):
    /// one level. When none of them has an Allow statement they are Deny-only policies standing beside the
    /// default `FullAWSAccess`, which is added; when some have, they are taken as that level's allow-list.
    public init(flat documents: [PolicyDocument]) {
        guard !documents.isEmpty else {
            self = .none
            return
        }
        let allows = documents.contains { $0.statements.contains { $0.effect == .allow } }
        self.init(levels: [allows ? documents : documents + [Self.fullAWSAccess]])
        assumesFullAWSAccess = !allows
    }

    /// Every document, level by level.
    public var documents: [PolicyDocument] { levels.flatMap { $0 } }

    public var isEmpty: Bool { levels.isEmpty }

    /// Why the SCPs do not bind `request`'s caller, or `nil` when they do.
    public func exemption(for request: AccessRequest) -> String? {
        if Self.isServiceLinkedRole(request) { return "SCPs do not affect service-linked roles" }
        if let managementAccount, request.callerAccount == managementAccount {
            return "SCPs do not affect the organization's management account"
        }
        return nil
    }

    /// A service-linked role lives under the path `aws-service-role/` (IAM User Guide, *Using service-linked
    /// roles*); its session ARN drops the path but keeps the name, which for every service-linked role
    /// begins with `AWSServiceRoleFor`, a prefix IAM reserves.
    static func isServiceLinkedRole(_ request: AccessRequest) -> Bool {
        if request.principalArn.contains(":role/aws-service-role/") { return true }
        guard let arn = ARN(request.callerArn), arn.service == "sts" else { return false }
        let parts = arn.resource.split(separator: "/")
        return parts.count == 3 && parts[0] == "assumed-role" && parts[1].hasPrefix("AWSServiceRoleFor")
    }
}
