import Foundation
import VaultCore

/// A central backup account made up from a seed: vaults with their locks, recovery points of EC2,
/// RDS, EFS, DynamoDB and S3 resources backed up daily, and CloudTrail-style calls to AWS Backup
/// by admins, the backup service and others.
///
/// Each record comes from a generator keyed by the seed and its own index, so `point(at:)` and
/// `call(at:)` give the same record whatever was asked before.
public struct AccountGenerator: Sendable {
    public static let account = "111122223333"
    public static let region = "eu-west-1"
    /// The instant the newest data is near; points go back from here one day per backup.
    public static let epoch = UTC.date(year: 2026, month: 11, day: 20, hour: 3)

    public let spec: DatasetSpec

    public init(_ spec: DatasetSpec) { self.spec = spec }

    /// Streams of `BenchRandom`, one per kind of record.
    enum Stream: UInt64 {
        case vault = 1
        case resource, point, call, acknowledgement
    }

    func random(_ stream: Stream, _ index: Int) -> BenchRandom {
        BenchRandom(seed: spec.seed, stream: stream.rawValue, index: index)
    }

    // MARK: - Vaults

    static let teams = [
        "payments", "orders", "identity", "analytics", "search", "billing", "ledger", "media", "mobile", "platform",
    ]
    static let stages = ["prod", "staging", "dev", "dr", "shared"]

    public func vaultName(_ v: Int) -> String {
        let base = "\(Self.teams[v % Self.teams.count])-\(Self.stages[v / Self.teams.count % Self.stages.count])-vault"
        let round = v / (Self.teams.count * Self.stages.count)
        return round == 0 ? base : "\(base)-\(round + 1)"
    }

    public func vault(at v: Int) -> Vault {
        var rng = random(.vault, v)
        let name = vaultName(v)
        let lock: LockConfiguration?
        switch v % 4 {
        case 0: lock = nil
        case 1: lock = LockConfiguration(minRetentionDays: 1, maxRetentionDays: 400)
        case 2:
            lock = LockConfiguration(
                minRetentionDays: 7, maxRetentionDays: 400,
                lockDate: Self.epoch.addingTimeInterval(-86_400 * Double(30 + rng.below(300))))
        default:
            lock = LockConfiguration(
                minRetentionDays: 7, maxRetentionDays: 400,
                lockDate: Self.epoch.addingTimeInterval(3_600 * Double(6 + rng.below(60))))
        }
        let customer = rng.chance(0.7)
        return Vault(
            name: name, arn: "arn:aws:backup:\(Self.region):\(Self.account):backup-vault:\(name)",
            accountId: Self.account, region: Self.region,
            creationDate: Self.epoch.addingTimeInterval(-86_400 * Double(400 + rng.below(900))),
            encryptionKeyArn: "arn:aws:kms:\(Self.region):\(Self.account):key/\(rng.uuid())",
            encryptionKeyType: customer ? .customerManaged : .awsOwned,
            encryptionKeyAlias: customer ? "alias/\(name)" : "alias/aws/backup", lock: lock)
    }

    /// What a vault's backup plan keeps: days until cold storage (if ever) and until deletion.
    func plan(ofVault v: Int) -> Lifecycle {
        var rng = random(.vault, v)
        _ = rng.next()
        switch rng.below(4) {
        case 0: return Lifecycle(deleteAfterDays: 35)
        case 1: return Lifecycle(deleteAfterDays: 90)
        case 2: return Lifecycle(moveToColdStorageAfterDays: 30, deleteAfterDays: 365)
        default: return Lifecycle(moveToColdStorageAfterDays: 90, deleteAfterDays: 400)
        }
    }
}
