import Foundation
import VaultCore

/// One vault in full: the lock and what it means, its settings, what could still change it,
/// its points and the recent jobs it refused. Scrolls (see `DetailScreen`).
enum VaultDetail {
    /// How many recent jobs the detail lists.
    static let jobLimit = 100

    static func content(_ state: AppState, vault key: VaultKey, width: Int) -> DetailContent {
        guard let vault = state.account.vaults[key] else {
            return .missing("Vault \(key) is no longer in the store. Esc goes back.", width: width)
        }
        let now = state.now
        var p = VaultsScreen.summary(vault, state, compact: false)
        p.labelWidth = 11
        p.valueLimit = state.fullValues ? nil : Prose.detailLimit
        if let lock = vault.lock {
            let settings =
                "MinRetentionDays \(lock.minRetentionDays.map(String.init) ?? "–") · MaxRetentionDays "
                + "\(lock.maxRetentionDays.map(String.init) ?? "–") · LockDate \(lock.lockDate.map(UTC.minute) ?? "none")"
            p.add("Settings", settings, .muted)
        }
        let change = VaultLockRules.deleteLock(on: vault, at: now)
        p.add("Remove?", (change.isAllowed ? "YES — " : "NO — ") + change.reason, change.isAllowed ? .warning : .ok)
        p.add("Created", "\(UTC.minute(vault.creationDate)) · account \(vault.accountId) · \(vault.region)", .muted)
        let proseRows = p.rowCount(width: width)
        let jobs = state.account.recentJobs(in: vault.key, limit: jobLimit)  // newest first
        var grid = Grid(width: width, height: proseRows + 2 + max(jobs.count, 1))
        p.draw(into: &grid, rect: Rect(x: 0, y: 0, width: width, height: proseRows))
        let top = proseRows + 1
        grid.write(jobs.isEmpty ? "Recent jobs: none yet" : "Recent jobs, newest first", x: 0, y: top, role: .columnHeader)
        for (i, job) in jobs.enumerated() {
            let y = top + 1 + i
            var x = 0
            x += grid.write(Format.shortTime(job.creationDate), x: x, y: y, role: .muted) + 1
            x += grid.write(padded: job.kind.word, x: x, y: y, width: 7, role: .normal)
            x += grid.write(padded: job.lifecycle.retentionText, x: x, y: y, width: 12, role: .normal)
            let failed = job.state == .failed
            x += grid.write(
                padded: failed ? "REFUSED" : job.state.rawValue.lowercased(), x: x, y: y, width: 10, role: failed ? .warning : .ok)
            let resource = ARN(job.resourceArn)?.shortName ?? job.resourceArn
            let what =
                failed
                ? "\(resource) — \(job.statusMessage ?? "failed")"
                : "\(job.resourceType) \(resource) from \(job.sourceAccount ?? "?")"
            grid.write(Prose.capped(what, limit: Prose.paneLimit), x: x, y: y, role: failed ? .normal : .muted, maxWidth: width - x)
        }
        return DetailContent(title: vault.name, titleRole: .emphasis, body: grid, cutsValues: p.cutsValues)
    }
}
