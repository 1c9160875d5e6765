import Foundation

/// What kind of job brings a recovery point into a vault.
public enum JobKind: String, Codable, Sendable {
    case backup = "BACKUP", copy = "COPY"

    public var word: String { self == .backup ? "backup" : "copy" }
}

/// The rules Vault Lock enforces, each as a verdict with its reason. No I/O, no clock of their
/// own: `now` is always passed in.
public enum VaultLockRules {
    /// Whether a backup or copy job with `lifecycle` may write into `vault` at `now`.
    /// A locked vault (any mode) only accepts retention within [MinRetentionDays, MaxRetentionDays],
    /// bounds included; a point kept forever fails a maximum.
    public static func admitJob(_ kind: JobKind, lifecycle: Lifecycle, into vault: Vault, at now: Date) -> Verdict {
        if case .refused(let why) = lifecycle.validity { return .refused(because: why) }
        let state = vault.lockState(at: now)
        guard state.isLocked, let lock = vault.lock else {
            return .allowed(because: "\(vault.name) has no Vault Lock: any retention is accepted.")
        }
        let retention = lifecycle.deleteAfterDays
        if let min = lock.minRetentionDays, let days = retention, days < min {
            return .refused(
                because: "A \(days)-day retention is below the Vault Lock minimum of \(min) days on \(vault.name): "
                    + "the \(kind.word) job fails.")
        }
        if let max = lock.maxRetentionDays {
            guard let days = retention else {
                return .refused(
                    because: "A point kept forever exceeds the Vault Lock maximum of \(max) days on \(vault.name): "
                        + "the \(kind.word) job fails.")
            }
            if days > max {
                return .refused(
                    because: "A \(days)-day retention is above the Vault Lock maximum of \(max) days on \(vault.name): "
                        + "the \(kind.word) job fails.")
            }
        }
        let kept = retention.map { "\($0) days" } ?? "forever"
        return .allowed(because: "Kept \(kept), within the Vault Lock's \(lock.retentionWindow) on \(vault.name).")
    }
}

extension Lifecycle {
    /// AWS Backup's own constraint on a lifecycle: a point moved to cold storage stays there at
    /// least 90 days, so DeleteAfterDays ≥ MoveToColdStorageAfterDays + 90.
    public var validity: Verdict {
        if let d = deleteAfterDays, d < 1 {
            return .refused(because: "DeleteAfterDays must be at least 1 (got \(d)).")
        }
        if let cold = moveToColdStorageAfterDays {
            if cold < 1 { return .refused(because: "MoveToColdStorageAfterDays must be at least 1 (got \(cold)).") }
            if let d = deleteAfterDays, d < cold + Lifecycle.minimumColdStorageDays {
                return .refused(
                    because: "DeleteAfterDays (\(d)) must be at least 90 days after MoveToColdStorageAfterDays (\(cold)).")
            }
        }
        return .allowed(because: "The lifecycle is valid.")
    }
}
