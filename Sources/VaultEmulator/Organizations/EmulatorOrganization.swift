import Foundation
import VaultCore
import VaultDemo

/// The AWS Organization the emulated account belongs to, as AWS Organizations would answer for it:
/// a root, organizational units, accounts, and the service control policies attached to each of
/// them. `FullAWSAccess` is attached everywhere, as Organizations does; other SCPs are attached
/// where they are put (the emulated account unless told otherwise), and `FullAWSAccess` may be
/// detached from a level to make that level an allow-list. The same levels the emulator enforces
/// are the ones `ListParents` and `ListPoliciesForTarget` answer, so the guardrail checks and the
/// emulator judge with the very same documents.
public struct EmulatorOrganization: Codable, Equatable, Sendable {
    public struct Policy: Codable, Equatable, Sendable {
        public var id: String
        public var name: String
        public var description: String?
        public var document: String
        public var awsManaged: Bool
    }

    public var id: String
    public var managementAccountId: String
    public var rootId: String
    /// The parent of each organizational unit and account.
    public var parents: [String: String]
    /// Organizational units' names, by id.
    public var unitNames: [String: String]
    /// Accounts that may read the organization as its management account may.
    public var delegatedAdministrators: Set<String>
    public var policies: [Policy]
    /// The policies attached to each target (the root, an OU or an account), by id.
    public var attachments: [String: [String]]

    public static let fullAWSAccess = Policy(
        id: "p-FullAWSAccess", name: "FullAWSAccess", description: "Allows access to every operation",
        document: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#,
        awsManaged: true)

    /// The demo's organization (`DemoOrganization`), with `FullAWSAccess` alone at every level.
    public static func demo() -> EmulatorOrganization {
        var parents: [String: String] = [DemoOrganization.managementAccountId: DemoOrganization.rootId]
        var names: [String: String] = [:]
        for unit in DemoOrganization.units {
            parents[unit.id] = DemoOrganization.rootId
            names[unit.id] = unit.name
            for account in unit.accounts { parents[account] = unit.id }
        }
        let targets = [DemoOrganization.rootId] + parents.keys.sorted()
        return EmulatorOrganization(
            id: DemoOrganization.id, managementAccountId: DemoOrganization.managementAccountId,
            rootId: DemoOrganization.rootId, parents: parents, unitNames: names,
            delegatedAdministrators: DemoOrganization.delegatedAdministrators, policies: [fullAWSAccess],
            attachments: Dictionary(uniqueKeysWithValues: targets.map { ($0, [fullAWSAccess.id]) }))
    }

    public var arn: String { "arn:aws:organizations::\(managementAccountId):organization/\(id)" }
    public var rootArn: String { "arn:aws:organizations::\(managementAccountId):root/\(id)/\(rootId)" }

    public func arn(of policy: Policy) -> String {
        policy.awsManaged
            ? "arn:aws:organizations::aws:policy/service_control_policy/\(policy.id)"
            : "arn:aws:organizations::\(managementAccountId):policy/\(id)/service_control_policy/\(policy.id)"
    }

    /// Whether `account` is in the organization.
    public func contains(account: String) -> Bool { parents[account] != nil && unitNames[account] == nil }

    /// Whether the root, an OU or an account of the organization has this id.
    public func isTarget(_ id: String) -> Bool { id == rootId || parents[id] != nil }

    /// Whether principals of `account` may read the whole organization.
    public func mayRead(_ account: String) -> Bool {
        account == managementAccountId || delegatedAdministrators.contains(account)
    }

    /// From the root down to `target`, inclusive; nil when it is not in the organization.
    public func path(to target: String) -> [String]? {
        guard isTarget(target) else { return nil }
        var chain = [target]
        while let parent = parents[chain[0]], chain.count < 10 { chain.insert(parent, at: 0) }
        return chain
    }

    public func policy(id: String) -> Policy? { policies.first { $0.id == id } }
    public func policy(named name: String) -> Policy? { policies.first { $0.name == name } }

    /// The policies attached directly to `target`.
    public func policies(attachedTo target: String) -> [Policy] { (attachments[target] ?? []).compactMap(policy(id:)) }

    /// The SCPs that bind the principals of `account`, level by level; none for an account outside
    /// the organization. The management account's exemption is the evaluator's to apply.
    public func serviceControlPolicies(for account: String) -> ServiceControlPolicies {
        guard contains(account: account), let path = path(to: account) else { return .none }
        let levels = path.map { target in
            policies(attachedTo: target).compactMap { try? PolicyDocument.parse($0.document, name: $0.name) }
        }
        return ServiceControlPolicies(levels: levels, managementAccount: managementAccountId)
    }

    /// The target an operator names: `root`, `ou` (the OU holding `account`), `account` (itself),
    /// or an id of the organization.
    public func target(named name: String, for account: String) -> String? {
        switch name {
        case "root": return rootId
        case "account": return contains(account: account) ? account : nil
        case "ou": return parents[account].flatMap { unitNames[$0] != nil ? $0 : nil }
        default: return isTarget(name) ? name : nil
        }
    }

    /// Creates the SCP `name` (or replaces its document) and attaches it to `target`; an empty
    /// `document` only attaches an existing policy. `FullAWSAccess` can be attached, never changed.
    public mutating func put(_ name: String, document: String?, at target: String) throws(EmulatorOrganizationError) {
        guard isTarget(target) else { throw EmulatorOrganizationError("no root, OU or account \(target) in \(id)") }
        let id: String
        if let index = policies.firstIndex(where: { $0.name == name }) {
            if let document {
                guard !policies[index].awsManaged else {
                    throw EmulatorOrganizationError("\(name) is managed by AWS: it can be attached or detached, not changed")
                }
                try Self.validate(document, name: name)
                policies[index].document = document
            }
            id = policies[index].id
        } else {
            guard let document else { throw EmulatorOrganizationError("no SCP named \(name): send its document to create it") }
            try Self.validate(document, name: name)
            id = Self.policyId(for: name)
            policies.append(Policy(id: id, name: name, description: nil, document: document, awsManaged: false))
        }
        if !(attachments[target] ?? []).contains(id) { attachments[target, default: []].append(id) }
    }

    /// Detaches `name` from `target`; with no target, from everywhere, and deletes it (an AWS
    /// managed policy cannot be deleted).
    public mutating func remove(_ name: String, from target: String?) throws(EmulatorOrganizationError) {
        guard let policy = policy(named: name) else { throw EmulatorOrganizationError("no SCP named \(name)") }
        if let target {
            guard attachments[target]?.contains(policy.id) == true else {
                throw EmulatorOrganizationError("\(name) is not attached to \(target)")
            }
            attachments[target]?.removeAll { $0 == policy.id }
            return
        }
        guard !policy.awsManaged else {
            throw EmulatorOrganizationError("\(name) is managed by AWS: detach it from a target (?target=…), it cannot be deleted")
        }
        for key in attachments.keys { attachments[key]?.removeAll { $0 == policy.id } }
        policies.removeAll { $0.id == policy.id }
    }

    /// The SCPs that are not AWS's, by name, as documents.
    public var customPolicies: [String: String] {
        Dictionary(uniqueKeysWithValues: policies.filter { !$0.awsManaged }.map { ($0.name, $0.document) })
    }

    /// The ids of the targets a policy is attached to.
    public func targets(of policy: Policy) -> [String] { attachments.keys.sorted().filter { attachments[$0]?.contains(policy.id) == true } }

    static func validate(_ document: String, name: String) throws(EmulatorOrganizationError) {
        do {
            try PolicyDocument.parse(document, name: name).validate(as: .serviceControlPolicy)
        } catch {
            throw EmulatorOrganizationError("\(error)")
        }
    }

    /// `p-` and eight lowercase hex digits derived from the name, so a policy keeps its id across
    /// runs of an emulator that keeps no store.
    static func policyId(for name: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return "p-" + String(repeating: "0", count: max(0, 8 - hex.count)) + hex.suffix(8)
    }
}

public struct EmulatorOrganizationError: Error, Equatable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
