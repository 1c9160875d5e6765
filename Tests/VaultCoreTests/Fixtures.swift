import Foundation
import VaultCore

/// Fixed instants and builders shared by the VaultCore tests. Nothing here reads the wall clock.
enum Fixture {
    static let account = "111122223333"
    static let region = "us-east-1"

    static func key(_ name: String) -> VaultKey { VaultKey(accountId: account, region: region, name: name) }

    /// The lock date the tests revolve around: 2026-11-25 10:12:38 UTC.
    static let lockDate = UTC.date(year: 2026, month: 11, day: 25, hour: 10, minute: 12, second: 38)
    /// "Now" for the rules when a date far from any edge is wanted: 2026-11-22 12:00 UTC.
    static let now = UTC.date(year: 2026, month: 11, day: 22, hour: 12)

    static func vault(_ name: String = "central-backup-vault", lock: LockConfiguration? = nil) -> Vault {
        Vault(
            name: name, arn: "arn:aws:backup:\(region):\(account):backup-vault:\(name)", accountId: account,
            region: region, creationDate: UTC.date(year: 2026, month: 1, day: 1), lock: lock)
    }

    static func point(
        _ id: String = "p1", in vault: String = "central-backup-vault", type: String = "EFS",
        created: Date = UTC.date(year: 2026, month: 11, day: 20), lifecycle: Lifecycle = Lifecycle(deleteAfterDays: 35),
        status: RecoveryPoint.Status = .completed
    ) -> RecoveryPoint {
        RecoveryPoint(
            arn: "arn:aws:backup:\(region):\(account):recovery-point:\(id)", vaultName: vault,
            accountId: account, region: region,
            resourceArn: "arn:aws:elasticfilesystem:\(region):444455556666:file-system/fs-\(id)",
            resourceType: type, status: status, creationDate: created, lifecycle: lifecycle)
    }

    static func call(
        _ id: String, action: String = "DeleteRecoveryPoint", by principal: Principal,
        vault: String? = "central-backup-vault", errorCode: String? = "AccessDenied",
        at time: Date = UTC.date(year: 2026, month: 11, day: 22, hour: 12)
    ) -> ApiCall {
        ApiCall(
            id: id, time: time, action: action, principal: principal, sourceIPAddress: "203.0.113.7",
            vaultName: vault, errorCode: errorCode,
            errorMessage: errorCode.map { _ in "explicit deny in a service control policy" }, accountId: account,
            region: region)
    }

    static let alice = Principal.role("DevOps", session: "alice", account: account)
    static let admin = Principal.role("BackupVaultAdmin", session: "bob", account: account)
    static let root = Principal.root(account: account)
    static let ciUser = Principal.user("ci-deployer", account: account)
}

/// The three lock modes a locked vault can be in at `Fixture.now`.
enum LockedMode: String, CaseIterable, Sendable {
    case governance, grace, compliance

    /// A lock with these bounds that is in this mode at `now`.
    func lock(min: Int?, max: Int?, now: Date = Fixture.now) -> LockConfiguration {
        switch self {
        case .governance: return LockConfiguration(minRetentionDays: min, maxRetentionDays: max)
        case .grace: return LockConfiguration(minRetentionDays: min, maxRetentionDays: max, lockDate: now + 86_400)
        case .compliance: return LockConfiguration(minRetentionDays: min, maxRetentionDays: max, lockDate: now - 86_400)
        }
    }
}
