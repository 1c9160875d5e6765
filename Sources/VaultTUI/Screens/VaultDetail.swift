import Foundation
import VaultCore

/// One vault in full: the lock and what it means, its settings, what could still change it,
/// its points and the recent jobs it refused.
enum VaultDetail {
    static func draw(into grid: inout Grid, _ state: AppState, vault key: VaultKey, rect: Rect) {
        grid.fill(rect, role: .normal)
        guard let vault = state.account.vaults[key] else {
            grid.write("Vault \(key) is no longer in the store. Esc goes back.", x: 2, y: rect.y + 1, role: .warning)
            return
        }
        let now = state.now
        grid.write(vault.name, x: 1, y: rect.y, role: .emphasis, maxWidth: rect.width - 2)
        var p = VaultsScreen.summary(vault, state, compact: false)
        p.labelWidth = 11
        if let lock = vault.lock {
            let settings =
                "MinRetentionDays \(lock.minRetentionDays.map(String.init) ?? "–") · MaxRetentionDays "
                + "\(lock.maxRetentionDays.map(String.init) ?? "–") · LockDate \(lock.lockDate.map(UTC.minute) ?? "none")"
            p.add("Settings", settings, .muted)
        }
        let change = VaultLockRules.deleteLock(on: vault, at: now)
        p.add("Remove?", (change.isAllowed ? "YES — " : "NO — ") + change.reason, change.isAllowed ? .warning : .ok)
        p.add("Created", "\(UTC.minute(vault.creationDate)) · account \(vault.accountId) · \(vault.region)", .muted)
        let used = p.draw(into: &grid, rect: Rect(x: 1, y: rect.y + 1, width: rect.width - 2, height: rect.height - 1))

        let jobsTop = rect.y + 1 + used + 1
        let jobs = state.account.recentJobs(in: vault.key, limit: max(rect.y + rect.height - jobsTop - 1, 1))
        guard jobsTop < rect.y + rect.height - 1 else { return }
        grid.write("Recent jobs", x: 1, y: jobsTop, role: .columnHeader)
        if jobs.isEmpty {
            grid.write("none yet", x: 14, y: jobsTop, role: .muted)
            return
        }
        for (i, job) in jobs.enumerated() {
            let y = jobsTop + 1 + i
            guard y < rect.y + rect.height else { break }
            var x = 1
            x += grid.write(Format.shortTime(job.creationDate), x: x, y: y, role: .muted) + 1
            x += grid.write(padded: job.kind.word, x: x, y: y, width: 7, role: .normal)
            x += grid.write(padded: job.lifecycle.retentionText, x: x, y: y, width: 12, role: .normal)
            let failed = job.state == .failed
            x += grid.write(padded: failed ? "REFUSED" : job.state.rawValue.lowercased(), x: x, y: y, width: 10, role: failed ? .warning : .ok)
            let what = failed ? (job.statusMessage ?? "") : "\(job.resourceType) \(ARN(job.resourceArn)?.shortName ?? job.resourceArn) from \(job.sourceAccount ?? "?")"
            grid.write(what, x: x, y: y, role: failed ? .normal : .muted, maxWidth: rect.width - x - 1)
        }
    }
}
