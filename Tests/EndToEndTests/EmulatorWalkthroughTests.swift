import Foundation
import Testing

/// The seeds' walk-throughs, verbatim, with the AWS CLI against `vaultwatch emulate` (the real
/// binary, the real CLI): Vault Lock's refusals, the cooling-off period and its end, the central
/// vault's minimum, and the seeds' vault access policy and SCP for each principal.
@Suite(.serialized) struct EmulatorWalkthroughTests {
    static let account = "111122223333"
    static let role = "arn:aws:iam::111122223333:role/service-role/AWSBackupDefaultServiceRole"
    static let volume = "arn:aws:ec2:us-east-1:111122223333:volume/vol-0f00dbabe0000c0de"
    static let admins = ["arn:aws:iam::111122223333:role/BackupVaultAdmin", "arn:aws:iam::111122223333:role/AWSCloudFormationStackSetExecutionRole"]

    /// The seeds' vault access policy: only the two admin roles may copy, restore, change the lock
    /// or put the policy.
    static var vaultPolicy: String {
        let actions = ["StartCopyJob", "StartRestoreJob", "PutBackupVaultLockConfiguration",
                       "DeleteBackupVaultLockConfiguration", "PutBackupVaultAccessPolicy"]
        return """
            {"Version":"2012-10-17","Statement":[{"Sid":"DenyAllButVaultAdmins","Effect":"Deny","Principal":"*",
             "Action":[\(actions.map { "\"backup:\($0)\"" }.joined(separator: ","))],"Resource":"*",
             "Condition":{"ArnNotLike":{"aws:PrincipalArn":[\(admins.map { "\"\($0)\"" }.joined(separator: ","))]}}}]}
            """
    }

    /// The seeds' SCP: the sensitive APIs on the central vault denied to all but the admins;
    /// `deleteSpelling` lets the test misspell DeleteBackupVaultAccessPolicy as the seeds do.
    static func scp(deleteSpelling: String = "DeleteBackupVaultAccessPolicy") -> String {
        let actions = ["DeleteBackupVault", deleteSpelling, "DeleteBackupVaultLockConfiguration", "DeleteRecoveryPoint",
                       "PutBackupVaultAccessPolicy", "PutBackupVaultLockConfiguration", "UpdateRecoveryPointLifecycle",
                       "StartCopyJob", "StartRestoreJob", "DeleteBackupVaultNotifications", "PutBackupVaultNotifications"]
        return """
            {"Version":"2012-10-17","Statement":{"Sid":"DenyCentralVaultChanges","Effect":"Deny",
             "Action":[\(actions.map { "\"backup:\($0)\"" }.joined(separator: ","))],
             "Resource":"arn:aws:backup:us-east-1:111122223333:backup-vault:central-backup-vault",
             "Condition":{"ArnNotLike":{"aws:PrincipalArn":[\(admins.map { "\"\($0)\"" }.joined(separator: ","))]}}}}
            """
    }

    /// Starts a backup as the admin and waits for the job to settle: its final description.
    func backup(_ emulator: EmulatorProcess, into vault: String, days: Int) throws -> [String: Any] {
        let started = try emulator.json("admin", [
            "backup", "start-backup-job", "--backup-vault-name", vault, "--resource-arn", Self.volume,
            "--iam-role-arn", Self.role, "--lifecycle", "DeleteAfterDays=\(days)",
        ])
        let id = try #require(started["BackupJobId"] as? String)
        for _ in 0..<40 {
            let job = try emulator.json("admin", ["backup", "describe-backup-job", "--backup-job-id", id])
            if job["State"] as? String != "RUNNING" { return job }
            usleep(250_000)
        }
        throw E2EError("backup job \(id) never settled")
    }

    func points(_ emulator: EmulatorProcess, in vault: String) throws -> [[String: Any]] {
        try emulator.json("admin", ["backup", "list-recovery-points-by-backup-vault", "--backup-vault-name", vault])[
            "RecoveryPoints"] as? [[String: Any]] ?? []
    }

    @Test func wormVaultLockRefusesThenExpiresItsCoolingOff() throws {
        let emulator = try EmulatorProcess()
        _ = try emulator.json("admin", ["backup", "create-backup-vault", "--backup-vault-name", "WORM_vault"])
        _ = try emulator.json("admin", [
            "backup", "put-backup-vault-lock-configuration", "--backup-vault-name", "WORM_vault",
            "--changeable-for-days", "3", "--min-retention-days", "7", "--max-retention-days", "30",
        ])
        let described = try emulator.json("admin", ["backup", "describe-backup-vault", "--backup-vault-name", "WORM_vault"])
        #expect(described["Locked"] as? Bool == true)
        let lockDate = try #require(described["LockDate"] as? Double)
        #expect(abs(lockDate - Date().timeIntervalSince1970 - 3 * 86_400) < 120)
        #expect(described["MinRetentionDays"] as? Int == 7 && described["MaxRetentionDays"] as? Int == 30)

        let tooLong = try backup(emulator, into: "WORM_vault", days: 35)
        #expect(tooLong["State"] as? String == "FAILED")
        #expect((tooLong["StatusMessage"] as? String)?.contains("maximum of 30 days") == true, "\(tooLong)")

        let kept = try backup(emulator, into: "WORM_vault", days: 10)
        #expect(kept["State"] as? String == "COMPLETED")
        let point = try #require(try points(emulator, in: "WORM_vault").first?["RecoveryPointArn"] as? String)

        let delete = try emulator.aws("admin", [
            "backup", "delete-recovery-point", "--backup-vault-name", "WORM_vault", "--recovery-point-arn", point,
        ])
        #expect(delete.status != 0)
        #expect(delete.stderr.contains("(InvalidRequestException) when calling the DeleteRecoveryPoint operation"), "\(delete.stderr)")
        let shorten = try emulator.aws("admin", [
            "backup", "update-recovery-point-lifecycle", "--backup-vault-name", "WORM_vault", "--recovery-point-arn", point,
            "--lifecycle", "DeleteAfterDays=8",
        ])
        #expect(shorten.stderr.contains("(InvalidRequestException) when calling the UpdateRecoveryPointLifecycle operation"), "\(shorten.stderr)")

        // Within the cooling-off period the lock can be removed.
        _ = try emulator.json("admin", ["backup", "delete-backup-vault-lock-configuration", "--backup-vault-name", "WORM_vault"])
        let unlocked = try emulator.json("admin", ["backup", "describe-backup-vault", "--backup-vault-name", "WORM_vault"])
        #expect(unlocked["Locked"] as? Bool == false)

        // Locked again, then past its lock date (the emulator's clock moved 4 days): removal refused.
        _ = try emulator.json("admin", [
            "backup", "put-backup-vault-lock-configuration", "--backup-vault-name", "WORM_vault",
            "--changeable-for-days", "3", "--min-retention-days", "7", "--max-retention-days", "30",
        ])
        try emulator.admin("POST", "/_vaultwatch/clock", body: #"{"AdvanceSeconds": 345600}"#)
        let late = try emulator.aws("admin", ["backup", "delete-backup-vault-lock-configuration", "--backup-vault-name", "WORM_vault"])
        #expect(late.status == 255)
        #expect(late.stderr.contains("(InvalidRequestException) when calling the DeleteBackupVaultLockConfiguration operation"), "\(late.stderr)")

        // A locked vault that holds points cannot be deleted.
        let gone = try emulator.aws("admin", ["backup", "delete-backup-vault", "--backup-vault-name", "WORM_vault"])
        #expect(gone.stderr.contains("(InvalidRequestException) when calling the DeleteBackupVault operation"), "\(gone.stderr)")

        // Restarted, the emulator resumes: the vault, its lock past its date, its point.
        #expect(emulator.stop() == 0)
        try emulator.start()
        let resumed = try emulator.json("admin", ["backup", "describe-backup-vault", "--backup-vault-name", "WORM_vault"])
        #expect(resumed["Locked"] as? Bool == true && resumed["NumberOfRecoveryPoints"] as? Int == 1)
        let stillLate = try emulator.aws("admin", ["backup", "delete-backup-vault-lock-configuration", "--backup-vault-name", "WORM_vault"])
        #expect(stillLate.stderr.contains("InvalidRequestException"), "\(stillLate.stderr)")
    }

    @Test func centralVaultMinimumAndTheSeedsPolicies() throws {
        let emulator = try EmulatorProcess()
        let vault = "central-backup-vault"
        _ = try emulator.json("admin", ["backup", "create-backup-vault", "--backup-vault-name", vault])
        _ = try emulator.json("admin", [
            "backup", "put-backup-vault-lock-configuration", "--backup-vault-name", vault, "--min-retention-days", "5",
            "--changeable-for-days", "3",
        ])
        #expect(try backup(emulator, into: vault, days: 1)["State"] as? String == "FAILED")
        #expect(try backup(emulator, into: vault, days: 6)["State"] as? String == "COMPLETED")
        let point = try #require(try points(emulator, in: vault).first?["RecoveryPointArn"] as? String)
        let delete = try emulator.aws("admin", [
            "backup", "delete-recovery-point", "--backup-vault-name", vault, "--recovery-point-arn", point,
        ])
        #expect(delete.stderr.contains("(InvalidRequestException) when calling the DeleteRecoveryPoint operation"), "\(delete.stderr)")

        // The seeds' vault access policy and SCP in place.
        _ = try emulator.json("admin", [
            "backup", "put-backup-vault-access-policy", "--backup-vault-name", vault, "--policy", Self.vaultPolicy,
        ])
        try emulator.admin("PUT", "/_vaultwatch/scps/central-backup-vault-guardrail", body: Self.scp())
        let copy = [
            "backup", "start-copy-job", "--recovery-point-arn", point, "--source-backup-vault-name", vault,
            "--destination-backup-vault-arn", "arn:aws:backup:us-east-1:444455556666:backup-vault:offsite",
            "--iam-role-arn", Self.role,
        ]
        let operatorCopy = try emulator.aws("operator", copy)
        #expect(operatorCopy.stderr.contains("(AccessDeniedException) when calling the StartCopyJob operation"), "\(operatorCopy.stderr)")
        #expect(operatorCopy.stderr.contains("explicit deny in a service control policy"), "\(operatorCopy.stderr)")
        let put = ["backup", "put-backup-vault-access-policy", "--backup-vault-name", vault, "--policy", Self.vaultPolicy]
        let operatorPut = try emulator.aws("operator", put)
        #expect(operatorPut.stderr.contains("(AccessDeniedException) when calling the PutBackupVaultAccessPolicy operation"), "\(operatorPut.stderr)")
        #expect(try emulator.aws("admin", copy).status == 0)
        #expect(try emulator.aws("admin", put).status == 0)
        // Root is bound by the SCP too; the outsider's account has no way in.
        #expect(try emulator.aws("root", put).stderr.contains("AccessDeniedException"))
        let outsider = try emulator.aws("outsider", ["backup", "describe-backup-vault", "--backup-vault-name", vault])
        #expect(outsider.stderr.contains("(AccessDeniedException)"), "\(outsider.stderr)")
        #expect(outsider.stderr.contains("no resource-based policy allows"), "\(outsider.stderr)")

        // With the vault access policy alone (no SCP), the resource-based policy is what denies.
        try emulator.admin("DELETE", "/_vaultwatch/scps/central-backup-vault-guardrail", body: "")
        let byVaultPolicy = try emulator.aws("operator", put)
        #expect(byVaultPolicy.stderr.contains("explicit deny in a resource-based policy"), "\(byVaultPolicy.stderr)")

        // The seeds' SCP misspells DeleteBackupVaultAccessPolicy, and the vault access policy does not
        // name it: the operator's delete goes through.
        try emulator.admin(
            "PUT", "/_vaultwatch/scps/central-backup-vault-guardrail", body: Self.scp(deleteSpelling: "DeleteBackupVaultAcessPolicy"))
        let operatorDelete = try emulator.aws("operator", ["backup", "delete-backup-vault-access-policy", "--backup-vault-name", vault])
        #expect(operatorDelete.status == 0, "\(operatorDelete.stderr)")
        let policy = try emulator.aws("admin", ["backup", "get-backup-vault-access-policy", "--backup-vault-name", vault])
        #expect(policy.stderr.contains("ResourceNotFoundException"), "\(policy.stderr)")

        // CloudTrail recorded it all, newest first, with the signer and the refusals' codes.
        let events = try emulator.json("admin", ["cloudtrail", "lookup-events", "--max-results", "50"])["Events"] as? [[String: Any]] ?? []
        let newest = try #require(events.first { $0["EventName"] as? String == "DeleteBackupVaultAccessPolicy" })
        #expect(newest["Username"] as? String == "alice")
        let record = try #require(newest["CloudTrailEvent"] as? String)
        #expect(!record.contains("errorCode"), "\(record)")
        #expect(events.contains { ($0["CloudTrailEvent"] as? String)?.contains(#""errorCode":"AccessDenied""#) == true })
        let times = events.compactMap { $0["EventTime"] as? Double }
        #expect(times == times.sorted(by: >))
    }

    @Test func signaturesAreCheckedAsAWSChecksThem() throws {
        let emulator = try EmulatorProcess()
        let wrong = try emulator.aws("admin", ["backup", "list-backup-vaults"], secret: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
        #expect(wrong.stderr.contains("(InvalidSignatureException)"), "\(wrong.stderr)")
        let right = try emulator.json("admin", ["backup", "list-backup-vaults"])
        #expect((right["BackupVaultList"] as? [Any])?.isEmpty == true)
        let keys = try FileManager.default.attributesOfItem(atPath: emulator.store.appendingPathComponent("keys.json").path)
        #expect((keys[.posixPermissions] as? Int) == 0o600)
    }
}
