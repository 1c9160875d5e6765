import AWSClient
import Foundation
import VaultCore

/// The reads one poll of an account makes, each whole (every page) or an error. Read only: no
/// call here changes anything in the account.
struct AccountReader: Sendable {
    let client: AWSClient
    /// Reaches Organizations: the account's own client, or one of the management account (or a
    /// delegated administrator), which alone may walk the organization.
    let organizationsClient: AWSClient
    let region: String
    let cancellation: CancellationHandle

    func send(_ operation: AWSOperation) throws(AWSError) -> AWSResponse {
        try client.send(operation, region: region, cancellation: cancellation)
    }

    private func sendToOrganizations(_ operation: AWSOperation) throws(AWSError) -> AWSResponse {
        try organizationsClient.send(operation, cancellation: cancellation)
    }

    func identity() throws -> CallerIdentity {
        try client.callerIdentity(region: region, cancellation: cancellation)
    }

    /// Every vault of every type (a logically air-gapped vault may not be in the default listing),
    /// by ARN, once each.
    func vaults(accountId: String) throws -> [Vault] {
        var byArn: [String: Vault] = [:]
        var order: [String] = []
        for type in [nil, Vault.VaultType.logicallyAirGapped.rawValue, Vault.VaultType.restoreAccess.rawValue] {
            let pages = try Paging.all(
                BackupWire.VaultList.self, nextToken: \.NextToken,
                operation: { try BackupCalls.listBackupVaults(type: type, token: $0) }, send: send)
            for page in pages {
                for wire in page.BackupVaultList ?? [] where byArn[wire.BackupVaultArn] == nil {
                    byArn[wire.BackupVaultArn] = try BackupMapping.vault(wire, accountId: accountId, region: region)
                    order.append(wire.BackupVaultArn)
                }
            }
        }
        return order.compactMap { byArn[$0] }
    }

    /// A vault's recovery points (created after `after`, when given).
    func points(of vault: Vault, createdAfter after: Date?, now: Date) throws -> [RecoveryPoint] {
        let pages = try Paging.all(
            BackupWire.RecoveryPointList.self, nextToken: \.NextToken,
            operation: { try BackupCalls.listRecoveryPoints(vault: vault.name, createdAfter: after, token: $0) }, send: send)
        return try pages.flatMap { try ($0.RecoveryPoints ?? []).map { try BackupMapping.point($0, in: vault, now: now) } }
    }

    /// Backup and copy jobs into `vaults` (by ARN) created since `since`.
    func jobs(since: Date, into vaults: [String: Vault]) throws -> [BackupJob] {
        let backups = try Paging.all(
            BackupWire.BackupJobList.self, nextToken: \.NextToken,
            operation: { try BackupCalls.listBackupJobs(createdAfter: since, token: $0) }, send: send)
        let copies = try Paging.all(
            BackupWire.CopyJobList.self, nextToken: \.NextToken,
            operation: { try BackupCalls.listCopyJobs(createdAfter: since, token: $0) }, send: send)
        return backups.flatMap { ($0.BackupJobs ?? []).compactMap { BackupMapping.job($0, vaults: vaults) } }
            + copies.flatMap { ($0.CopyJobs ?? []).compactMap { BackupMapping.job($0, vaults: vaults) } }
    }

    /// The vault's access policy document; nil when it has none.
    func accessPolicy(of vault: String) throws -> String? {
        do {
            return try send(try BackupCalls.getAccessPolicy(vault)).decode(BackupWire.AccessPolicy.self).Policy
        } catch let error as AWSError where error.isNotFound {
            return nil
        }
    }

    /// Where the vault's events go; nil when nothing is configured.
    func notifications(of vault: String) throws -> Vault.Notifications? {
        do {
            let answer = try send(try BackupCalls.getNotifications(vault)).decode(BackupWire.Notifications.self)
            guard let topic = answer.SNSTopicArn else { return nil }
            return Vault.Notifications(snsTopicArn: topic, events: answer.BackupVaultEvents ?? [])
        } catch let error as AWSError where error.isNotFound {
            return nil
        }
    }

    /// Who manages a key (AWS or the customer) and its first alias.
    func key(_ keyArn: String) throws -> (customerManaged: Bool, alias: String?) {
        let metadata = try send(try KMSCalls.describeKey(keyArn)).decode(KMSCalls.KeyAnswer.self).KeyMetadata
        var aliases: [String] = []
        var marker: String?
        repeat {
            let page = try send(try KMSCalls.listAliases(keyId: metadata.KeyId, marker: marker)).decode(KMSCalls.AliasesAnswer.self)
            aliases += (page.Aliases ?? []).compactMap(\.AliasName)
            marker = page.Truncated == true ? page.NextMarker : nil
        } while marker != nil
        return (metadata.KeyManager == "CUSTOMER", aliases.sorted().first)
    }

    /// The account's place in its organization with the SCPs of each level (root first), and the
    /// documents of those SCPs by id.
    func organization(of accountId: String, now: Date) throws -> (OrganizationPath, [GuardrailPolicy]) {
        let organization = try sendToOrganizations(OrganizationsCalls.describeOrganization()).decode(OrganizationsCalls.OrganizationAnswer.self)
            .Organization
        var chain: [(id: String, kind: OrganizationPath.Level.Kind)] = [(accountId, .account)]
        var child = accountId
        while chain.count < 10 {
            let parents = try Paging.all(
                OrganizationsCalls.ParentsAnswer.self, nextToken: \.NextToken,
                operation: { try OrganizationsCalls.listParents(of: child, token: $0) }, send: sendToOrganizations
            ).flatMap { $0.Parents ?? [] }
            guard let parent = parents.first else { break }
            let kind: OrganizationPath.Level.Kind = parent.Type == "ROOT" ? .root : .organizationalUnit
            chain.append((parent.Id, kind))
            if kind == .root { break }
            child = parent.Id
        }
        var levels: [OrganizationPath.Level] = []
        var documents: [String: GuardrailPolicy] = [:]
        for (id, kind) in chain.reversed() {
            let attached = try Paging.all(
                OrganizationsCalls.PoliciesAnswer.self, nextToken: \.NextToken,
                operation: { try OrganizationsCalls.listPolicies(for: id, token: $0) }, send: sendToOrganizations
            ).flatMap { $0.Policies ?? [] }
            levels.append(OrganizationPath.Level(id: id, kind: kind, policyIds: attached.map(\.Id)))
            for summary in attached where documents[summary.Id] == nil {
                let policy = try sendToOrganizations(try OrganizationsCalls.describePolicy(summary.Id)).decode(OrganizationsCalls.PolicyAnswer.self)
                    .Policy
                documents[summary.Id] = GuardrailPolicy(
                    kind: .serviceControlPolicy, name: policy.PolicySummary.Name ?? summary.Name ?? summary.Id,
                    policyId: summary.Id, document: policy.Content, observedAt: now)
            }
        }
        let path = OrganizationPath(
            accountId: accountId, organizationId: organization.Id, managementAccountId: organization.MasterAccountId,
            levels: levels, observedAt: now)
        return (path, documents.values.sorted { ($0.policyId ?? "") < ($1.policyId ?? "") })
    }

    /// The rules of `bus` whose pattern concerns AWS Backup, each as `describe-rule` answers it
    /// with its targets added (the shape `--rule` files take).
    func rules(on bus: String) throws -> [(name: String, document: String)] {
        let rules = try Paging.all(
            EventBridgeCalls.RulesAnswer.self, nextToken: \.NextToken,
            operation: { try EventBridgeCalls.listRules(bus: bus, token: $0) }, send: send
        ).flatMap { $0.Rules ?? [] }
        var found: [(String, String)] = []
        for rule in rules {
            guard let pattern = rule.EventPattern, pattern.contains("aws.backup") || pattern.contains("backup.amazonaws.com")
            else { continue }
            let described = try send(try EventBridgeCalls.describeRule(rule.Name, bus: bus))
            var document = try described.jsonObject()
            let targets = try Paging.all(
                EventBridgeCalls.TargetsAnswer.self, nextToken: \.NextToken,
                operation: { try EventBridgeCalls.listTargets(rule: rule.Name, bus: bus, token: $0) }, send: send
            ).flatMap { $0.Targets ?? [] }
            document["Targets"] = targets.map { ["Id": $0.Id, "Arn": $0.Arn] }
            let data = try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])
            found.append(("\(bus)/\(rule.Name)", String(decoding: data, as: UTF8.self)))
        }
        return found
    }

    /// Every backup plan, as `GetBackupPlan` answers it.
    func plans() throws -> [(id: String, name: String, document: String)] {
        let members = try Paging.all(
            BackupWire.PlanList.self, nextToken: \.NextToken, operation: { try BackupCalls.listBackupPlans(token: $0) },
            send: send
        ).flatMap { $0.BackupPlansList ?? [] }
        return try members.map { member in
            let answer = try send(try BackupCalls.getBackupPlan(member.BackupPlanId))
            return (member.BackupPlanId, member.BackupPlanName ?? member.BackupPlanId, String(decoding: answer.body, as: UTF8.self))
        }
    }
}

extension AWSError {
    /// `ResourceNotFoundException`: what AWS answers for a vault with no access policy or no
    /// notification configuration.
    var isNotFound: Bool {
        if case .service(_, let code, _, _) = self { return code == "ResourceNotFoundException" }
        return false
    }

    var isAccessDenied: Bool {
        if case .accessDenied = self { return true }
        return false
    }

    /// A failure that passes by itself (throttling, the network) or that the whole poll must stop
    /// for (credentials, a cancelled call): never a reason to degrade one read.
    var stopsThePoll: Bool {
        switch self {
        case .throttled, .network, .credentials, .cancelled: return true
        case .service(_, _, _, let status): return status >= 500 && !isNotImplemented
        case .accessDenied, .badResponse, .configuration: return false
        }
    }

    /// `HTTP 404`, `UnknownOperationException`: what an unoffered operation was answered with.
    var statusText: String {
        guard case .service(_, let code, _, let status) = self else { return description }
        return code == "\(status)" ? "HTTP \(status)" : "\(code), HTTP \(status)"
    }

    /// The endpoint does not offer the operation: `UnknownOperationException`, HTTP 501, or a 404
    /// whose body is not an AWS error (an emulator's HTML page).
    var isNotImplemented: Bool {
        guard case .service(_, let code, _, let status) = self else { return false }
        return status == 501 || code == "UnknownOperationException" || code == "NotImplemented"
            || code == "InvalidAction" || (status == 404 && code == "404")
    }
}
