import Foundation

/// Audit Manager's Vault Lock controls, with the lock state as three states plus a countdown
/// (posture-checks.md checks 1–4).
enum LockChecks {
    static func results(for vault: Vault, settings: GuardrailSettings, now: Date) -> [PostureResult] {
        [enabled(vault, now: now), mode(vault, settings: settings, now: now)]
            + [minRetention(vault, settings: settings), maxRetention(vault, settings: settings)]
    }

    static func enabled(_ vault: Vault, now: Date) -> PostureResult {
        let state = vault.lockState(at: now)
        let subject = PostureSubject.vault(vault.key)
        let title = "Vault is locked"
        guard state.isLocked else {
            return PostureResult(
                "vault.lock.enabled", title, subject: subject, verdict: .fail,
                reason: "No Vault Lock: recovery points can be deleted by anyone IAM and the access policy allow.")
        }
        let how =
            switch state {
            case .complianceGrace: "in compliance mode, still in its grace period"
            case .complianceLocked: "in compliance mode"
            default: "in governance mode"
            }
        return PostureResult("vault.lock.enabled", title, subject: subject, verdict: .pass, reason: "Locked \(how).")
    }

    static func mode(_ vault: Vault, settings: GuardrailSettings, now: Date) -> PostureResult {
        let subject = PostureSubject.vault(vault.key)
        let id = "vault.lock.mode"
        let title = "Lock is in \(settings.requiredLockMode.rawValue) mode"
        switch vault.lockState(at: now) {
        case .unlocked:
            return PostureResult(id, title, subject: subject, verdict: .fail, reason: "No lock, so no mode.")
        case .governance:
            if settings.requiredLockMode == .governance {
                return PostureResult(id, title, subject: subject, verdict: .pass, reason: "Governance mode.")
            }
            return PostureResult(
                id, title, subject: subject, verdict: .fail,
                reason: "Governance mode: whoever may call DeleteBackupVaultLockConfiguration can remove the lock.")
        case .complianceLocked(let since):
            return PostureResult(
                id, title, subject: subject, verdict: .pass,
                reason: "Compliance mode, permanent since \(UTC.minute(since)).")
        case .complianceGrace(let until):
            let lastChance = until - TimeInterval(settings.coolingOffWarningDays) * 86_400
            let reason =
                "Compliance mode in its grace period: it can still be changed or removed until "
                + "\(UTC.second(until)) UTC; then it is permanent."
            return PostureResult(
                id, title, subject: subject, verdict: .warn,
                reason: now >= lastChance ? "Last chance to fix the settings. " + reason : reason,
                deadline: now >= lastChance ? until : lastChance)
        }
    }

    static func minRetention(_ vault: Vault, settings: GuardrailSettings) -> PostureResult {
        let subject = PostureSubject.vault(vault.key)
        let id = "vault.lock.min_retention"
        let floor = settings.minRetentionDays
        let title = "Minimum retention is at least \(days(floor))"
        guard let lock = vault.lock else {
            return PostureResult(id, title, subject: subject, verdict: .fail, reason: "No lock, so no minimum retention.")
        }
        guard let min = lock.minRetentionDays else {
            return PostureResult(
                id, title, subject: subject, verdict: .fail,
                reason: "The lock sets no MinRetentionDays: backups of any retention are accepted.")
        }
        guard min >= floor else {
            return PostureResult(
                id, title, subject: subject, verdict: .fail,
                reason: "MinRetentionDays is \(days(min)), below the floor of \(days(floor)).")
        }
        return PostureResult(
            id, title, subject: subject, verdict: .pass, reason: "MinRetentionDays is \(days(min)).")
    }

    static func maxRetention(_ vault: Vault, settings: GuardrailSettings) -> PostureResult {
        let subject = PostureSubject.vault(vault.key)
        let id = "vault.lock.max_retention"
        let title = settings.maxRetentionDays.map { "Maximum retention is set, at most \(days($0))" }
            ?? "Maximum retention is set"
        guard let lock = vault.lock else {
            return PostureResult(id, title, subject: subject, verdict: .fail, reason: "No lock, so no maximum retention.")
        }
        guard let max = lock.maxRetentionDays else {
            return PostureResult(
                id, title, subject: subject, verdict: .fail,
                reason: "The lock sets no MaxRetentionDays: a backup kept \"Always\" stays forever and can never be deleted.")
        }
        if let ceiling = settings.maxRetentionDays, max > ceiling {
            return PostureResult(
                id, title, subject: subject, verdict: .fail,
                reason: "MaxRetentionDays is \(days(max)), above the limit of \(days(ceiling)).")
        }
        return PostureResult(id, title, subject: subject, verdict: .pass, reason: "MaxRetentionDays is \(days(max)).")
    }

    static func days(_ n: Int) -> String { n == 1 ? "1 day" : "\(n) days" }
}
