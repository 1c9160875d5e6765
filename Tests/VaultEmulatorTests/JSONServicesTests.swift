import AWSClient
import Foundation
import Testing
import VaultCore
import VaultDemo
@testable import VaultEmulator

/// What the AWS source reads besides AWS Backup, served by the emulator as AWS answers it:
/// Organizations (who may read it, the path from the account to the root, the SCPs at each level),
/// KMS (keys and aliases, a key of another account), EventBridge (rules and targets, a pattern
/// `put-rule` refuses), and the SCPs of each level enforced on every call by the same evaluator.
@Suite struct JSONServicesTests {
    static let account = DemoAccount.accountId
    static let role = "arn:aws:iam::111122223333:role/service-role/AWSBackupDefaultServiceRole"

    func emulator(
        organization: EmulatorOrganization = .demo(), rules: EventRules = EventRules(), store: EmulatorStore? = nil
    ) -> Emulator {
        Emulator(
            backend: DemoBackend(accountId: Self.account, region: DemoAccount.region, guardrail: .none),
            principals: EmulatorPrincipals.generate(), clock: EmulatorClock(), organization: organization, rules: rules,
            keys: DemoAccount.customerManagedKeys, store: store, jobSeconds: 0)
    }

    @Test func organizationsAnswersThePathAndTheSCPsOfEachLevelToADelegatedAdministrator() throws {
        let emulator = emulator()
        let guardrail = DemoAccount.guardrail.document(account: Self.account)
        try emulator.attachServiceControlPolicy("central-backup-vault-guardrail", document: guardrail, to: "ou")
        let reader = try DirectCaller(emulator, as: "reader")

        let organization = try reader.json(JSONRequest.organizations("DescribeOrganization"))["Organization"] as? [String: Any]
        #expect(organization?["Id"] as? String == DemoAccount.organizationId)
        #expect(organization?["MasterAccountId"] as? String == DemoOrganization.managementAccountId)
        let roots = try reader.json(JSONRequest.organizations("ListRoots"))["Roots"] as? [[String: Any]]
        #expect(roots?.map { $0["Id"] as? String } == [DemoOrganization.rootId])

        // Up from the account: its OU, then the root.
        let unit = try reader.json(JSONRequest.organizations("ListParents", ["ChildId": Self.account]))["Parents"] as? [[String: Any]]
        #expect(unit?.first?["Type"] as? String == "ORGANIZATIONAL_UNIT")
        let unitId = try #require(unit?.first?["Id"] as? String)
        let root = try reader.json(JSONRequest.organizations("ListParents", ["ChildId": unitId]))["Parents"] as? [[String: Any]]
        #expect(root?.first?["Id"] as? String == DemoOrganization.rootId && root?.first?["Type"] as? String == "ROOT")

        func attached(_ target: String) throws -> [String] {
            let page = try reader.json(
                JSONRequest.organizations("ListPoliciesForTarget", ["TargetId": target, "Filter": "SERVICE_CONTROL_POLICY"]))
            return (page["Policies"] as? [[String: Any]] ?? []).compactMap { $0["Name"] as? String }
        }
        #expect(try attached(DemoOrganization.rootId) == ["FullAWSAccess"])
        #expect(try attached(unitId) == ["FullAWSAccess", "central-backup-vault-guardrail"])
        #expect(try attached(Self.account) == ["FullAWSAccess"])
        let id = EmulatorOrganization.policyId(for: "central-backup-vault-guardrail")
        let described = try reader.json(JSONRequest.organizations("DescribePolicy", ["PolicyId": id]))["Policy"] as? [String: Any]
        #expect(described?["Content"] as? String == guardrail)

        // Pages of one, and a token of another listing refused.
        let first = try reader.json(
            JSONRequest.organizations(
                "ListPoliciesForTarget", ["TargetId": unitId, "Filter": "SERVICE_CONTROL_POLICY", "MaxResults": 1]))
        let token = try #require(first["NextToken"] as? String)
        let second = try reader.json(
            JSONRequest.organizations(
                "ListPoliciesForTarget",
                ["TargetId": unitId, "Filter": "SERVICE_CONTROL_POLICY", "MaxResults": 1, "NextToken": token]))
        #expect((second["Policies"] as? [[String: Any]])?.first?["Name"] as? String == "central-backup-vault-guardrail")
        #expect(second["NextToken"] == nil)
        #expect(reader.errorCode(try JSONRequest.organizations("ListRoots", ["NextToken": token])) == "InvalidInputException")

        // Errors as Organizations gives them.
        #expect(reader.errorCode(try JSONRequest.organizations("ListParents", ["ChildId": "999999999999"])) == "ChildNotFoundException")
        #expect(reader.errorCode(try JSONRequest.organizations("DescribePolicy", ["PolicyId": "p-00000000"])) == "PolicyNotFoundException")
        #expect(
            reader.errorCode(try JSONRequest.organizations("ListPoliciesForTarget", ["TargetId": "ou-a1b2-nope0000", "Filter": "SERVICE_CONTROL_POLICY"]))
                == "TargetNotFoundException")
        let outsider = try DirectCaller(emulator, as: "outsider")
        #expect(outsider.errorCode(try JSONRequest.organizations("DescribeOrganization")) == "AWSOrganizationsNotInUseException")
    }

    @Test func onlyTheManagementAccountAndDelegatedAdministratorsMayWalkTheOrganization() throws {
        var organization = EmulatorOrganization.demo()
        organization.delegatedAdministrators = []
        let emulator = emulator(organization: organization)
        let reader = try DirectCaller(emulator, as: "reader")
        #expect(reader.errorCode(try JSONRequest.organizations("DescribeOrganization")) == nil)
        let parents = try JSONRequest.organizations("ListParents", ["ChildId": Self.account])
        #expect(reader.errorCode(parents) == "AccessDeniedException")
        #expect(reader.errorMessage(parents) == "You don't have permissions to access this resource.")
    }

    @Test func theSCPsOfEveryLevelDecideAndTheDenialNamesTheKindOfPolicy() throws {
        let emulator = emulator()
        let admin = try DirectCaller(emulator, as: "admin")
        _ = try admin.json(BackupRequest.createBackupVault("levels"))
        // The OU keeps FullAWSAccess off and allows only reading AWS Backup: an allow-list.
        try emulator.attachServiceControlPolicy(
            "read-only-backup",
            document: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["backup:List*","backup:Describe*","backup:Get*"],"Resource":"*"}]}"#,
            to: "ou")
        try emulator.detachServiceControlPolicy("FullAWSAccess", from: "ou")
        #expect(admin.errorCode(try BackupRequest.listBackupVaults()) == nil)
        let start = try BackupRequest.startBackupJob(
            vault: "levels", resourceArn: "arn:aws:ec2:us-east-1:111122223333:volume/vol-3", iamRoleArn: Self.role,
            lifecycle: Lifecycle(deleteAfterDays: 5))
        #expect(admin.errorCode(start) == "AccessDeniedException")
        #expect(admin.errorMessage(start).hasSuffix("because no service control policy allows the backup:StartBackupJob action"))

        // The same question asked of the evaluator with the levels Organizations answers: the same answer.
        let levels = emulator.organization.serviceControlPolicies(for: Self.account)
        #expect(levels.levels.count == 3)
        let request = AccessRequest(
            principalArn: DemoCast.admin.judgedArn, callerArn: DemoCast.admin.arn, action: "backup:StartBackupJob",
            resource: emulator.backend.vaultArn("levels"))
        #expect(Authorization.decide(request, AuthorizationPolicies(serviceControlPolicies: levels)).verdict == .implicitDeny)

        // FullAWSAccess back at the OU: allowed again; a vault access policy's Deny is named as such.
        try emulator.attachServiceControlPolicy("FullAWSAccess", document: nil, to: "ou")
        #expect(admin.errorCode(start) == nil)
        _ = try admin.json(
            BackupRequest.putBackupVaultAccessPolicy(
                "levels",
                policy: #"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"backup:DeleteBackupVault","Resource":"*"}]}"#))
        let delete = try BackupRequest.deleteBackupVault("levels")
        #expect(admin.errorMessage(delete).hasSuffix("with an explicit deny in a resource-based policy"))
        // An SCP at the root binds too, and is named first.
        try emulator.attachServiceControlPolicy(
            "no-vault-deletion",
            document: #"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"backup:DeleteBackupVault","Resource":"*"}]}"#,
            to: "root")
        #expect(admin.errorMessage(delete).hasSuffix("with an explicit deny in a service control policy"))
        #expect(throws: EmulatorOrganizationError.self) { try emulator.detachServiceControlPolicy("FullAWSAccess", from: nil) }
    }

    @Test func kmsDescribesTheVaultsKeysAndTheirAliases() throws {
        let emulator = emulator()
        let reader = try DirectCaller(emulator, as: "reader")
        let key = try #require(DemoAccount.customerManagedKeys.first)
        let metadata = try #require(try reader.json(JSONRequest.kms("DescribeKey", ["KeyId": key.arn]))["KeyMetadata"] as? [String: Any])
        #expect(metadata["KeyManager"] as? String == "CUSTOMER" && metadata["Arn"] as? String == key.arn)
        let keyId = try #require(metadata["KeyId"] as? String)
        let byAlias = try reader.json(JSONRequest.kms("DescribeKey", ["KeyId": key.alias]))["KeyMetadata"] as? [String: Any]
        #expect(byAlias?["KeyId"] as? String == keyId)
        let aliases = try reader.json(JSONRequest.kms("ListAliases", ["KeyId": keyId]))
        #expect((aliases["Aliases"] as? [[String: Any]])?.compactMap { $0["AliasName"] as? String } == [key.alias])
        #expect(aliases["Truncated"] as? Bool == false)

        // A key a vault names is known to KMS; one nobody made is not; another account's caller has no grant.
        #expect(reader.errorCode(try JSONRequest.kms("DescribeKey", ["KeyId": "arn:aws:kms:us-east-1:111122223333:key/0000"])) == "NotFoundException")
        let admin = try DirectCaller(emulator, as: "admin")
        let own = "arn:aws:kms:us-east-1:111122223333:key/2f0e6b8e-0c1a-4d8e-9b1f-5a6c7d8e9f00"
        _ = try admin.json(BackupRequest.createBackupVault("keyed", encryptionKeyArn: own))
        #expect(reader.errorCode(try JSONRequest.kms("DescribeKey", ["KeyId": own])) == nil)
        let outsider = try DirectCaller(emulator, as: "outsider")
        let foreign = try JSONRequest.kms("DescribeKey", ["KeyId": key.arn])
        #expect(outsider.errorCode(foreign) == "AccessDeniedException")
        #expect(outsider.errorMessage(foreign).hasSuffix("because no resource-based policy allows the kms:DescribeKey action"))
        #expect(outsider.errorCode(try JSONRequest.kms("DescribeKey", ["KeyId": key.alias])) == "NotFoundException")
    }

    @Test func eventBridgeKeepsTheRulesAPutMakesAndRefusesAnInvalidPattern() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vw-emu-rules-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try Emulator(store: EmulatorStore(directory: directory), jobSeconds: 0)
        let admin = try DirectCaller(first, as: "admin")
        let pattern = DemoAccount.eventRule.pattern
        let put = try admin.json(JSONRequest.events("PutRule", ["Name": "alerts", "EventPattern": pattern]))
        #expect(put["RuleArn"] as? String == "arn:aws:events:us-east-1:111122223333:rule/alerts")
        _ = try admin.json(
            JSONRequest.events("PutTargets", ["Rule": "alerts", "Targets": [["Id": "sns", "Arn": DemoAccount.alertTopicArn]]]))
        let bad = try JSONRequest.events("PutRule", ["Name": "broken", "EventPattern": #"{"detail":{"eventName":"DeleteRecoveryPoint"}}"#])
        #expect(admin.errorCode(bad) == "InvalidEventPatternException")
        #expect(admin.errorCode(try JSONRequest.events("PutRule", ["Name": "no spaces", "EventPattern": pattern])) == "ValidationException")
        #expect(admin.errorCode(try JSONRequest.events("DeleteRule", ["Name": "alerts"])) == "ValidationException")
        #expect(admin.errorCode(try JSONRequest.events("ListRules", ["EventBusName": "other"])) == "ResourceNotFoundException")

        // Restarted, the emulator still has the rule and its target, as the AWS source reads them.
        let second = try Emulator(store: EmulatorStore(directory: directory), jobSeconds: 0)
        let reader = try DirectCaller(second, as: "reader")
        let rules = try reader.json(JSONRequest.events("ListRules", ["EventBusName": "default"]))["Rules"] as? [[String: Any]]
        #expect(rules?.map { $0["Name"] as? String } == ["alerts"])
        #expect(rules?.first?["EventPattern"] as? String == pattern && rules?.first?["State"] as? String == "ENABLED")
        let described = try reader.json(JSONRequest.events("DescribeRule", ["Name": "alerts", "EventBusName": "default"]))
        #expect(described["CreatedBy"] as? String == Self.account)
        let targets = try reader.json(JSONRequest.events("ListTargetsByRule", ["Rule": "alerts", "EventBusName": "default"]))
        #expect((targets["Targets"] as? [[String: Any]])?.first?["Arn"] as? String == DemoAccount.alertTopicArn)
        #expect(reader.errorCode(try JSONRequest.events("DescribeRule", ["Name": "gone"])) == "ResourceNotFoundException")
        // Another account's caller sees its own, empty, bus and cannot write to this one.
        let outsider = try DirectCaller(second, as: "outsider")
        #expect(((try outsider.json(JSONRequest.events("ListRules")))["Rules"] as? [[String: Any]])?.isEmpty == true)
        #expect(outsider.errorCode(try JSONRequest.events("PutRule", ["Name": "x", "EventPattern": pattern])) == "AccessDeniedException")
    }

    @Test func aRequestSignedForAnotherServiceOrRegionIsRefused() throws {
        let emulator = emulator()
        let reader = try DirectCaller(emulator, as: "reader")
        // Signed for EventBridge, sent to KMS.
        #expect(reader.errorCode(try JSONRequest.make(.eventBridge, "TrentService", "ListAliases", [:])) == "InvalidSignatureException")
        #expect(reader.errorCode(try JSONRequest.make(.kms, "TrentService", "Encrypt", [:])) == "UnknownOperationException")
    }
}
