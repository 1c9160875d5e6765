import Foundation
import VaultCore

/// Turns the account state into the rows of each list: filtered (case-insensitive substring over
/// what the row shows) and sorted. Done in `update` when its inputs change, never per frame.
enum RowDerivation {
    /// Every word of the filter must be found in one of the row's fields (case- and
    /// accent-insensitive): `FAIL scratch` finds the failures of the scratch vault.
    struct Needle {
        let words: [String]

        init(_ text: String) { words = text.split(separator: " ").map(String.init) }

        func matches(_ fields: [String?]) -> Bool {
            words.allSatisfy { word in
                fields.contains { $0?.range(of: word, options: [.caseInsensitive, .diacriticInsensitive]) != nil }
            }
        }
    }

    static func matches(_ needle: String, _ fields: [String?]) -> Bool { Needle(needle).matches(fields) }

    static func vaults(_ state: AccountState, filter: String, order: String, now: Date) -> [Vault] {
        let rows = state.vaults.values.filter {
            matches(filter, [$0.name, $0.lockState(at: now).word, $0.encryptionKeyAlias, $0.arn, $0.accountId, $0.region])
        }
        switch order {
        case "weakest lock":
            return rows.sorted {
                (lockRank($0.lockState(at: now)), $0.name.lowercased()) < (lockRank($1.lockState(at: now)), $1.name.lowercased())
            }
        case "points":
            return rows.sorted {
                let a = state.points(in: $0.key).count
                let b = state.points(in: $1.key).count
                return a != b ? a > b : $0.name.lowercased() < $1.name.lowercased()
            }
        default:
            return rows.sorted { ($0.name.lowercased(), $0.name) < ($1.name.lowercased(), $1.name) }
        }
    }

    /// Weakest protection first: the vaults that need attention come to the top.
    static func lockRank(_ s: LockState) -> Int {
        switch s {
        case .unlocked: return 0
        case .governance: return 1
        case .complianceGrace: return 2
        case .complianceLocked: return 3
        }
    }

    /// Every point of one vault, or of all, in `order`, as references (see `PointRows`); the
    /// filter is applied to them afterwards.
    static func points(_ state: AccountState, vault: VaultKey?, order: String) -> PointRows {
        let lists: [PointList]
        if let vault {
            lists = [state.points(in: vault)]
        } else {
            // By name first, so the order "vault" is the lists' order.
            lists = state.pointsByVault.keys.sorted { ($0.name, $0) < ($1.name, $1) }.map { state.points(in: $0) }
        }
        return PointRows.ordered(lists, order: order)
    }

    static func alerts(
        _ state: AccountState, filter: String, unacknowledgedOnly: Bool, order: String, severity: (Alert) -> AlertSeverity
    ) -> [Alert] {
        // Raising order is arrival order (the offset in the log); newest first is the default view.
        // The rows taken in one pass over the log: each alert copied once, into its row.
        let needle = filter.isEmpty ? nil : Needle(filter)
        var indexed: [(offset: Int, element: Alert)] = []
        indexed.reserveCapacity(state.alerts.count)
        for offset in state.alerts.indices {
            let alert = state.alerts[offset]
            if unacknowledgedOnly && state.isAcknowledged(alert.id) { continue }
            if let needle,
                !needle.matches(
                    [alert.action, alert.principal.displayName, alert.principal.arn, alert.vaultName, alert.outcome, alert.id,
                     alert.sourceIPAddress, alert.accountId, alert.region, state.isAcknowledged(alert.id) ? "acked" : "new"])
            {
                continue
            }
            indexed.append((offset, alert))
        }
        let sorted: [(offset: Int, element: Alert)]
        switch order {
        case "severity":
            let ranked = indexed.map { (entry: $0, severity: severity($0.element)) }
            sorted = ranked.sorted {
                $0.severity != $1.severity
                    ? $0.severity > $1.severity
                    : ($0.entry.element.time != $1.entry.element.time
                        ? $0.entry.element.time > $1.entry.element.time : $0.entry.offset > $1.entry.offset)
            }.map(\.entry)
        case "unacked first":
            sorted = indexed.sorted {
                let a = state.isAcknowledged($0.element.id)
                let b = state.isAcknowledged($1.element.id)
                return a != b ? !a : $0.offset > $1.offset
            }
        default:
            sorted = indexed.sorted {
                $0.element.time != $1.element.time ? $0.element.time > $1.element.time : $0.offset > $1.offset
            }
        }
        return sorted.map(\.element)
    }
}
