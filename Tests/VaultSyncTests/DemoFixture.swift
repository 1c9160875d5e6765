import Foundation
import VaultCore
import VaultSync
@testable import VaultDemo

/// Fixed instants and helpers shared by the VaultSync tests. No test reads the wall clock.
enum Fixture {
    /// 2026-11-18 11:06:40 UTC.
    static let t0 = Date(timeIntervalSince1970: 1_795_000_000)
    static let minute: TimeInterval = 60
    static let hour: TimeInterval = 3600
    static let day: TimeInterval = 86_400

    static let account = DemoAccount.accountId
    static let region = DemoAccount.region

    static func key(_ name: String) -> VaultKey { VaultKey(accountId: account, region: region, name: name) }

    /// The seeds' RDS database, in the central account.
    static let database2 = "arn:aws:rds:us-east-1:111122223333:db:database-2"
    /// An EFS file system of the payments account.
    static let settlementFiles = "arn:aws:elasticfilesystem:us-east-1:222233334444:file-system/fs-0e3f4a5b6c7d8e9fa"
    static let backupRole = "arn:aws:iam::111122223333:role/service-role/AWSBackupDefaultServiceRole"
    static let keyArn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

    static let admin = DemoCast.admin
    static let stackSet = DemoCast.stackSet
    static let alice = DemoCast.alice
    static let root = DemoCast.root
    static let ciDeployer = DemoCast.ciDeployer
    static let intruder = DemoCast.intruder

    /// A backend of the demo account guarding `guarded` (every vault the tests create, by default).
    static func backend(guarding guarded: Set<String> = ["central-backup-vault", "WORM_vault", "guarded"])
        -> DemoBackend
    {
        DemoBackend(accountId: account, region: region, guardrail: .seed(account: account, guardedVaults: guarded))
    }

    /// A backend with no guardrail: only the Vault Lock rules decide.
    static func unguardedBackend() -> DemoBackend {
        DemoBackend(accountId: account, region: region, guardrail: .none)
    }
}

extension Result {
    var value: Success? {
        if case .success(let v) = self { return v }
        return nil
    }

    var error: Failure? {
        if case .failure(let e) = self { return e }
        return nil
    }
}

extension Array where Element == Record {
    var calls: [ApiCall] { compactMap { if case .call(let c) = $0 { return c } else { return nil } } }
    var jobs: [BackupJob] { compactMap { if case .job(let j) = $0 { return j } else { return nil } } }
    var points: [RecoveryPoint] { compactMap { if case .recoveryPoint(let p) = $0 { return p } else { return nil } } }
    var vaults: [Vault] { compactMap { if case .vault(let v) = $0 { return v } else { return nil } } }
    var syncs: [SyncStatus] { compactMap { if case .sync(let s) = $0 { return s } else { return nil } } }
    var removedPointArns: [String] {
        compactMap { if case .recoveryPointRemoved(let arn, _, _) = $0 { return arn } else { return nil } }
    }
}

extension AccountState {
    init(_ records: [Record]) {
        self.init()
        apply(records)
    }
}

/// Where two record lists first differ, or nil when they are equal: a failure names one record
/// instead of printing thousands.
func firstMismatch(_ a: [Record], _ b: [Record]) -> String? {
    for (i, (x, y)) in zip(a, b).enumerated() where x != y { return "record \(i): \(x) ≠ \(y)" }
    return a.count == b.count ? nil : "\(a.count) records ≠ \(b.count) records"
}

extension DemoSource {
    /// The records of a start, as the tests compare them.
    func startRecords(resuming state: AccountState, at now: Date) throws -> [Record] {
        try start(resuming: state, at: now).records
    }

    /// The records of a poll.
    func pollRecords(at now: Date) throws -> [Record] {
        try poll(at: now).records
    }
}
