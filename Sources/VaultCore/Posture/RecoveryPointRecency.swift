import Foundation

/// The newest good recovery point of each protected resource, per vault: what
/// `vault.recent_recovery_point` compares with the window. Computing it reads every point, so a
/// screen keeps it until the points change, while the check itself runs every second.
public struct RecoveryPointRecency: Equatable, Sendable {
    /// Vault name → resource ARN → creation date of its newest completed point.
    public private(set) var newest: [String: [String: Date]] = [:]

    public init() {}

    public init(_ state: AccountState) {
        for (vault, list) in state.pointsByVault {
            var byResource: [String: Date] = [:]
            for point in list where point.status == .completed || point.status == .available {
                if byResource[point.resourceArn].map({ point.creationDate > $0 }) ?? true {
                    byResource[point.resourceArn] = point.creationDate
                }
            }
            newest[vault] = byResource
        }
    }

    func result(for vault: String, settings: GuardrailSettings, now: Date) -> PostureResult {
        let hours = settings.recoveryPointMaxAgeHours
        let window = hours % 24 == 0 ? LockChecks.days(hours / 24) : "\(hours) h"
        let id = "vault.recent_recovery_point"
        let title = "Each protected resource has a recovery point younger than \(window)"
        let subject = PostureSubject.vault(vault)
        let resources = newest[vault] ?? [:]
        guard !resources.isEmpty else {
            return PostureResult(id, title, subject: subject, verdict: .pass, reason: "No recovery points: nothing to check.")
        }
        let limit = TimeInterval(hours) * 3600
        let stale = resources.filter { now.timeIntervalSince($0.value) > limit }
            .sorted { $0.value != $1.value ? $0.value < $1.value : $0.key < $1.key }
        guard !stale.isEmpty else {
            return PostureResult(
                id, title, subject: subject, verdict: .pass,
                reason: "All \(resources.count) protected resources have a recovery point younger than \(window).")
        }
        let evidence = stale.map { arn, date in
            "\(arn): newest recovery point \(Elapsed.short(seconds: Int(now.timeIntervalSince(date)))) ago"
        }
        return PostureResult(
            id, title, subject: subject, verdict: .fail,
            reason: "\(stale.count) of \(resources.count) protected resources have no recovery point younger than \(window).",
            evidence: evidence)
    }
}
