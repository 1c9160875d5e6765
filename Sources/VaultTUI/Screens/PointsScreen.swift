import Foundation
import VaultCore

/// The Recovery points tab: each point's expiry and whether it could be deleted now, with the
/// reason for the selected one in the pane.
enum PointsScreen {
    static func table(scoped: Bool) -> Table {
        var columns = [
            Column(title: "VAULT", width: 10, flex: 1, priority: 6, maxWidth: 40),
            Column(title: "RESOURCE", width: 12, flex: 2, priority: 9, maxWidth: 60),
            Column(title: "TYPE", width: 8, priority: 5),
            Column(title: "SOURCE", width: 12, priority: 2),
            Column(title: "CREATED", width: 11, priority: 3),
            Column(title: "EXPIRES", width: 9, priority: 8),
            Column(title: "SIZE", width: 9, alignRight: true, priority: 1),
            Column(title: "DELETABLE", width: 13, flex: 1, priority: 9, maxWidth: 20),
        ]
        if scoped { columns[0].priority = 0 }
        return Table(columns: columns)
    }

    static func draw(into grid: inout Grid, _ state: AppState, _ layout: Layout) {
        let rows = state.pointRows
        let (listRect, paneRect) = layout.split(.recoveryPoints, rowCount: rows.count)
        let now = state.now
        let account = state.account
        var position: String?
        if rows.isEmpty {
            grid.write(emptyText(state), x: 2, y: listRect.y + 1, role: .muted)
        } else {
            // Each visible row's point, made once (a row is asked for once per column).
            let top = state.scrollTop[.recoveryPoints] ?? 0
            let window = top..<min(top + max(listRect.height - 1, 0), rows.count)
            let points = window.map { rows[$0] }
            position = table(scoped: state.pointsVault != nil).draw(
                into: &grid, rect: listRect, rowCount: rows.count, top: top,
                selected: state.selectedIndex(.recoveryPoints), sort: state.order(.recoveryPoints)
            ) { row, column in
                let p = points[row - window.lowerBound]
                switch column {
                case 0: return (p.vaultName, .normal)
                case 1: return (resourceLabel(p), .normal)
                case 2: return (p.resourceType, .normal)
                case 3: return (source(p) ?? "–", .muted)
                case 4: return (Format.shortTime(p.creationDate), .muted)
                case 5: return (expiry(p, now: now), p.deleteAt.map { $0.timeIntervalSince(now) < 86_400 * 2 } == true ? .warning : .normal)
                case 6: return (Format.bytes(p.sizeBytes), .muted)
                default:
                    guard let vault = account.vaults[p.vaultKey] else { return ("?", .muted) }
                    return deletable(p, vault, now: now)
                }
            }
        }
        guard let paneRect, let point = state.currentPoint else { return }
        let content = Pane.frame(
            into: &grid, rect: paneRect, title: resourceLabel(point), side: false,
            position: ListStatus.text(state, tab: .recoveryPoints, position: position))
        verdicts(point, state, compact: true).draw(into: &grid, rect: content)
    }

    static func emptyText(_ state: AppState) -> String {
        if let points = state.snapshot.pointsLoad {
            if let v = state.pointsVault, points.pendingVaults.contains(v) {
                return "\(v): recovery points not loaded yet (\(points.percent)% of all points read)…"
            }
            if state.pointsVault == nil { return "Loading recovery points (\(points.percent)%)…" }
        } else if state.snapshot.loading {
            return "Loading recovery points…"
        }
        if !state.filter.text.isEmpty { return "No recovery point matches “\(state.filter.text)”. Esc clears the filter." }
        if let v = state.pointsVault { return "\(v) holds no recovery points. Esc shows every vault." }
        return "No recovery points yet."
    }

    /// The account the backup came from: the resource's (an S3 bucket's ARN names none), else
    /// the account of the role that made it.
    static func source(_ p: RecoveryPoint) -> String? {
        if let account = p.sourceAccount, !account.isEmpty { return account }
        if let role = p.iamRoleArn, let account = ARN(role)?.account, !account.isEmpty { return account }
        return nil
    }

    static func resourceLabel(_ p: RecoveryPoint) -> String {
        p.resourceName ?? ARN(p.resourceArn)?.shortName ?? p.resourceArn
    }

    static func expiry(_ p: RecoveryPoint, now: Date) -> String {
        guard let at = p.deleteAt else { return "never" }
        return at <= now ? "expired" : Elapsed.until(at, now: now)
    }

    /// The short answer in the list: "yes" / "no · locked" / "expired".
    static func deletable(_ p: RecoveryPoint, _ vault: Vault, now: Date) -> (String, Role) {
        if p.isExpired(at: now) { return ("yes · expired", .muted) }
        switch VaultLockRules.deleteRecoveryPoint(p, in: vault, at: now) {
        case .allowed: return ("yes · no lock", .danger)
        case .refused:
            return ("no · \(vault.lockState(at: now).word)", .ok)
        }
    }

    /// Could it be deleted now, could its lifecycle change, and why (not).
    static func verdicts(_ p: RecoveryPoint, _ state: AppState, compact: Bool) -> Prose {
        let now = state.now
        var prose = Prose()
        prose.labelWidth = 10
        guard let vault = state.account.vaults[p.vaultKey] else {
            prose.add("Vault", "\(p.vaultName) is not known to the store.", .warning)
            return prose
        }
        let delete = VaultLockRules.deleteRecoveryPoint(p, in: vault, at: now)
        prose.add("Delete?", (delete.isAllowed ? "YES — " : "NO — ") + delete.reason, delete.isAllowed ? .danger : .ok)
        let cold = Lifecycle(
            moveToColdStorageAfterDays: p.lifecycle.moveToColdStorageAfterDays,
            deleteAfterDays: p.lifecycle.deleteAfterDays.map { max($0 - 1, 1) })
        let change = VaultLockRules.updateLifecycle(p, to: cold, in: vault, at: now)
        prose.add("Shorten?", (change.isAllowed ? "YES — " : "NO — ") + change.reason, change.isAllowed ? .warning : .ok)
        let expires = p.deleteAt.map { "\(UTC.minute($0)) (\(Elapsed.until($0, now: now)))" } ?? "never: kept until deleted"
        prose.add("Expires", expires)
        if !compact {
            prose.add("Lifecycle", lifecycleText(p.lifecycle))
        }
        return prose
    }

    static func lifecycleText(_ l: Lifecycle) -> String {
        let cold = l.moveToColdStorageAfterDays.map { "cold storage after \($0) days" } ?? "stays in warm storage"
        let delete = l.deleteAfterDays.map { "deleted after \($0) days" } ?? "never deleted"
        return "\(cold), \(delete)"
    }
}
