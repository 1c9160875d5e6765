import Foundation

/// The four states a vault's lock can be in (DESIGN.md "Vault lock states").
public enum LockState: Equatable, Sendable {
    /// No lock configuration: only IAM and the vault access policy stop deletions.
    case unlocked
    /// A lock without a lock date: it enforces retention, but whoever may call
    /// DeleteBackupVaultLockConfiguration can still change or remove it.
    case governance
    /// A lock date in the future: settings can still be changed or the lock removed until then.
    case complianceGrace(until: Date)
    /// The lock date has passed: permanent; nobody, not even root, can change or remove it.
    case complianceLocked(since: Date)

    /// The state of `lock` at `now`. On and after the lock date the lock is immutable.
    public init(_ lock: LockConfiguration?, now: Date) {
        guard let lock else {
            self = .unlocked
            return
        }
        guard let lockDate = lock.lockDate else {
            self = .governance
            return
        }
        self = now < lockDate ? .complianceGrace(until: lockDate) : .complianceLocked(since: lockDate)
    }

    /// Whether the vault reports `Locked: true` (retention enforced, points undeletable).
    public var isLocked: Bool { self != .unlocked }

    /// Whether the lock can still be changed or removed.
    public var isChangeable: Bool {
        switch self {
        case .unlocked, .governance, .complianceGrace: return true
        case .complianceLocked: return false
        }
    }

    /// One word (or two) that states the mode without colour: "none", "governance", "grace", "compliance".
    public var word: String {
        switch self {
        case .unlocked: return "none"
        case .governance: return "governance"
        case .complianceGrace: return "grace"
        case .complianceLocked: return "compliance"
        }
    }

    /// A sentence saying what the state means for the operator.
    public var meaning: String {
        switch self {
        case .unlocked:
            return "No Vault Lock: recovery points can be deleted by anyone IAM and the vault access policy allow."
        case .governance:
            return "Governance mode: retention is enforced, but a principal allowed DeleteBackupVaultLockConfiguration can still remove the lock."
        case .complianceGrace(let until):
            return "Compliance mode in its cooling-off period: after \(UTC.minute(until)) this lock can no longer be changed or removed."
        case .complianceLocked(let since):
            return "Compliance mode since \(UTC.minute(since)): nobody, not even root, can change or remove this lock."
        }
    }
}
