import Foundation

extension VaultLockRules {
    /// Whether `PutBackupVaultLockConfiguration` with these settings would succeed on `vault` at
    /// `now`: allowed without a lock, in governance mode and before the lock date; refused on and
    /// after it.
    public static func putLock(
        minRetentionDays: Int?, maxRetentionDays: Int?, changeableForDays: Int?, on vault: Vault, at now: Date
    ) -> Verdict {
        if let days = changeableForDays, !LockConfiguration.changeableForDaysRange.contains(days) {
            return .refused(
                because: "ChangeableForDays must be between 3 and 36,500 (AWS enforces a 72-hour cooling-off); got \(days).")
        }
        for (name, value) in [("MinRetentionDays", minRetentionDays), ("MaxRetentionDays", maxRetentionDays)] {
            if let v = value, !LockConfiguration.retentionDaysRange.contains(v) {
                return .refused(because: "\(name) must be between 1 and 36,500; got \(v).")
            }
        }
        if let min = minRetentionDays, let max = maxRetentionDays, min > max {
            return .refused(because: "MinRetentionDays (\(min)) is greater than MaxRetentionDays (\(max)).")
        }
        return lockChange(on: vault, at: now, verb: "changed")
    }

    /// Whether `DeleteBackupVaultLockConfiguration` would succeed on `vault` at `now`.
    public static func deleteLock(on vault: Vault, at now: Date) -> Verdict {
        if vault.lock == nil { return .refused(because: "\(vault.name) has no Vault Lock to remove.") }
        return lockChange(on: vault, at: now, verb: "removed")
    }

    private static func lockChange(on vault: Vault, at now: Date, verb: String) -> Verdict {
        switch vault.lockState(at: now) {
        case .unlocked:
            return .allowed(because: "\(vault.name) has no Vault Lock yet.")
        case .governance:
            return .allowed(
                because: "\(vault.name) is in governance mode: its lock can be \(verb) by anyone IAM allows.")
        case .complianceGrace(let until):
            return .allowed(
                because: "\(vault.name) is still in its cooling-off period: the lock can be \(verb) until "
                    + "\(UTC.minute(until)) (\(Countdown(to: until, now: now).clock) left).")
        case .complianceLocked(let since):
            return .refused(
                because: "The lock on \(vault.name) became permanent at \(UTC.minute(since)): it can no longer be "
                    + "\(verb), not even by root.")
        }
    }
}
