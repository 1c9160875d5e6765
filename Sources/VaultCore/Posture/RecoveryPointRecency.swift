import Foundation

/// The newest good recovery point of each protected resource, per vault: what
/// `vault.recent_recovery_point` compares with the window. The account state keeps it up to date
/// as points arrive (a vault's whole list is read once, by the loader's thread), so a check never
/// reads the points.
public struct RecoveryPointRecency: Equatable, Sendable {
    /// Vault → resource ARN → creation date of its newest completed point.
    public private(set) var newest: [VaultKey: [String: Date]] = [:]

    public init() {}

    public static let checkId = "vault.recent_recovery_point"

    /// A point that only counts when it is a backup one could restore from.
    static func counts(_ point: RecoveryPoint) -> Bool { counts(point.status) }

    static func counts(_ status: RecoveryPoint.Status) -> Bool { status == .completed || status == .available }

    mutating func record(_ point: RecoveryPoint) {
        guard Self.counts(point) else { return }
        if newest[point.vaultKey]?[point.resourceArn].map({ point.creationDate > $0 }) ?? true {
            newest[point.vaultKey, default: [:]][point.resourceArn] = point.creationDate
        }
    }

    /// After a point left `list`: if it was its resource's newest, look for the next newest.
    mutating func removed(_ point: RecoveryPoint, from list: PointList) {
        guard newest[point.vaultKey]?[point.resourceArn] == point.creationDate else { return }
        let next = list.lazy.filter { $0.resourceArn == point.resourceArn && Self.counts($0) }.map(\.creationDate).max()
        newest[point.vaultKey]?[point.resourceArn] = next
    }

    /// Each resource's newest counted point of `vault`, as a summary of its points says.
    mutating func install(vault: VaultKey, newest: [String: Date]) {
        self.newest[vault] = newest
    }

    mutating func rebuild(vault: VaultKey, from list: PointList?) {
        guard let list else {
            newest[vault] = nil
            return
        }
        newest[vault] = list.newestCreationByResource(counting: Self.counts)
    }

    func result(for vault: VaultKey, settings: GuardrailSettings, now: Date, unreadable: String? = nil) -> PostureResult {
        let hours = settings.recoveryPointMaxAgeHours
        let window = hours % 24 == 0 ? LockChecks.days(hours / 24) : "\(hours) h"
        let id = Self.checkId
        let title = "Each protected resource has a recovery point younger than \(window)"
        let subject = PostureSubject.vault(vault)
        let resources = newest[vault] ?? [:]
        if resources.isEmpty, let unreadable {
            return PostureResult(
                id, title, subject: subject, verdict: .unknown,
                reason: "The vault's recovery points could not be read (\(unreadable)).")
        }
        guard !resources.isEmpty else {
            // An emptied vault must not look healthy: nothing shows it still receives backups.
            return PostureResult(
                id, title, subject: subject, verdict: .fail,
                reason: "The vault holds no completed recovery point: nothing shows it receives backups.")
        }
        let limit = TimeInterval(hours) * 3600
        let stale = resources.filter { now.timeIntervalSince($0.value) > limit }
            .sorted { $0.value != $1.value ? $0.value < $1.value : $0.key < $1.key }
        // The first fresh resource to grow too old turns the verdict (or adds to it).
        let nextStale = resources.values.filter { now.timeIntervalSince($0) <= limit }.min().map { $0 + limit + 1 }
        guard !stale.isEmpty else {
            return PostureResult(
                id, title, subject: subject, verdict: .pass,
                reason: "All \(resources.count) protected resources have a recovery point younger than \(window).",
                deadline: nextStale)
        }
        let evidence = stale.map { arn, date in
            "\(arn): newest recovery point \(Elapsed.short(seconds: Int(now.timeIntervalSince(date)))) ago"
        }
        return PostureResult(
            id, title, subject: subject, verdict: .fail,
            reason: "\(stale.count) of \(resources.count) protected resources have no recovery point younger than \(window).",
            evidence: evidence, deadline: nextStale)
    }
}
