@testable import VaultStore
import Foundation
import VaultCore

/// Realistic records of every kind, with the hostile text a source could hand over: terminal
/// escapes, newlines, bidi overrides, emoji, CJK.
enum Fixture {
    /// An instant with whole milliseconds, as the store keeps them.
    static func instant(_ isoMillisSince1970: Int64) -> Date {
        Date(timeIntervalSince1970: TimeInterval(isoMillisSince1970) / 1000)
    }

    /// 2026-11-25T10:12:38.089Z
    static let now = instant(1_795_601_558_089)
    static let account = "111122223333"
    static let region = "eu-west-1"

    static func key(_ name: String) -> VaultKey { VaultKey(accountId: account, region: region, name: name) }

    static let hostileTexts = [
        "\u{1B}[31mred\u{1B}[0m\u{1B}]0;pwned\u{07}",
        "first line\nsecond line\r\nthird\u{0}",
        "\u{202E}gnp.exe\u{202C} and \u{2066}isolate\u{2069}",
        "🔒💾🇪🇺 backup",
        "中央备份保管库・バックアップ",
        "quote \" backslash \\ slash / tab \t",
        "\u{2028}line separator\u{2029}",
    ]

    static let hostileVaultNames = [
        "central-backup", "prod/eu", "../../etc/passwd", ".hidden", "..", ".", "a b", "\u{1B}[2J", "🔒vault",
        "中央备份", "%41", "A", "a", "bidi\u{202E}txt", "new\nline", "con", "x.jsonl",
        String(repeating: "v", count: 300), String(repeating: "v", count: 299) + "w",
        String(repeating: "é", count: 80),
    ]

    static func vault(_ name: String, locked: Bool = true) -> Vault {
        Vault(
            name: name, arn: "arn:aws:backup:\(region):\(account):backup-vault:\(name)", accountId: account,
            region: region, creationDate: instant(1_764_000_000_123),
            encryptionKeyArn: "arn:aws:kms:\(region):\(account):key/1234abcd-12ab-34cd-56ef-1234567890ab",
            encryptionKeyType: .customerManaged, encryptionKeyAlias: "alias/central-backup",
            lock: locked ? LockConfiguration(minRetentionDays: 7, maxRetentionDays: 365, lockDate: instant(1_764_259_200_000)) : nil)
    }

    static func point(_ id: Int, in vault: String) -> RecoveryPoint {
        RecoveryPoint(
            arn: "arn:aws:backup:\(region):\(account):recovery-point:\(vault)-\(id)", vaultName: vault,
            accountId: account, region: region,
            resourceArn: "arn:aws:rds:\(region):444455556666:db:orders-\(id)", resourceType: "RDS",
            resourceName: "orders \(hostileTexts[id % hostileTexts.count])", status: .completed,
            creationDate: instant(1_795_500_000_000 + Int64(id) * 3_600_000), completionDate: instant(1_795_500_900_001),
            sizeBytes: 53_687_091_200 + Int64(id), lifecycle: Lifecycle(moveToColdStorageAfterDays: 30, deleteAfterDays: 365),
            storageClass: .warm, isEncrypted: true, iamRoleArn: "arn:aws:iam::\(account):role/service-role/AWSBackupDefaultServiceRole")
    }

    static func job(_ id: String, vault: String = "central-backup") -> BackupJob {
        BackupJob(
            id: id, kind: .copy, vaultName: vault, accountId: account, region: region,
            resourceArn: "arn:aws:ec2:\(region):444455556666:volume/vol-0abc",
            resourceType: "EBS", lifecycle: Lifecycle(deleteAfterDays: 35), state: .failed,
            statusMessage: "retention 35 days is outside the vault lock's 7–30 days \(hostileTexts[0])",
            creationDate: now, recoveryPointArn: nil)
    }

    static func call(_ id: String, vault: String? = "central-backup", error: String? = "AccessDenied") -> ApiCall {
        ApiCall(
            id: id, time: now, action: "DeleteRecoveryPoint",
            principal: .role("DevOps\u{202E}", session: "mallory\u{1B}[0m", account: "444455556666"),
            sourceIPAddress: "203.0.113.7", userAgent: "aws-cli/2.15.0 \(hostileTexts[3])", vaultName: vault,
            recoveryPointArn: "arn:aws:backup:\(region):\(account):recovery-point:1", errorCode: error,
            errorMessage: error.map { "\($0): \(hostileTexts[1])" }, accountId: account, region: region)
    }

    static func alert(_ callId: String) -> Alert {
        Alert(raisedBy: "deletion-attempt \(hostileTexts[4])", for: call(callId))
    }

    static func ack(_ n: Int, of alertId: String) -> Acknowledgement {
        Acknowledgement(
            id: "ack-\(n)", alertId: alertId, by: "alice@bastion-01", at: instant(1_795_601_600_000 + Int64(n)),
            note: "checked with \(hostileTexts[n % hostileTexts.count])")
    }

    static let sync = SyncStatus(source: "aws", accountId: account, region: region, at: now, error: nil)
    static let failedSync = SyncStatus(
        source: "aws", accountId: account, region: region, at: instant(1_795_601_618_089),
        error: "ExpiredToken: \(hostileTexts[2])")

    /// One of each record kind, in the order a load returns them (vaults, points, jobs, events,
    /// alerts, acks, sync, policies).
    static var everyKind: [Record] {
        let vaultName = "中央备份 \u{1B}[1m🔒\u{202E}"
        let alert = alert("ev-1")
        return [
            .vault(vault(vaultName)),
            .vault(vault("plain", locked: false)),
            .vaultRemoved(Fixture.key("plain"), at: now),
            .recoveryPoint(point(1, in: vaultName)),
            .recoveryPointRemoved(arn: point(1, in: vaultName).arn, vault: key(vaultName), at: now),
            .job(job("job-1\n", vault: vaultName)),
            .call(call("ev-1")),
            .call(call("ev-2", vault: nil, error: nil)),
            .alert(alert),
            .acknowledgement(ack(1, of: alert.id)),
            .acknowledgement(Acknowledgement(id: "ack-2", alertId: alert.id, by: "bob@host", at: now, note: nil)),
            .sync(sync),
            .sync(failedSync),
            .policy(.accessPolicy(of: key(vaultName), document: #"{"Statement":[]}"#, at: now)),
            .policy(.serviceControlPolicy(named: "guard\u{1B}]0;x\u{7}", document: nil, at: now)),
        ]
    }
}

extension ChainReport {
    /// Whether every chained file's hash chain holds, digests and references aside: what the
    /// chain tests check (their stores have no signer, so no digest covers them).
    var chainsHold: Bool { files.allSatisfy { $0.breakage == nil } }

    /// The report of a chained file.
    func file(_ name: String) -> ChainFileReport? { files.first { $0.file == name } }
}
