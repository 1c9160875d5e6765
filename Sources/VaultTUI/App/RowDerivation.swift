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
        case "lock":
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

    static func points(_ state: AccountState, vault: VaultKey?, filter: String, order: String, now: Date)
        -> [RecoveryPoint]
    {
        var rows: [RecoveryPoint]
        if let vault {
            rows = Array(state.points(in: vault))
        } else {
            rows = state.pointsByVault.keys.sorted().flatMap { state.points(in: $0) }
        }
        if !filter.isEmpty {
            let needle = Needle(filter)
            rows = rows.filter {
                needle.matches(
                    [$0.vaultName, $0.resourceName, $0.resourceArn, $0.resourceType, $0.sourceAccount, $0.status.rawValue])
            }
        }
        switch order {
        case "expires":
            let far = Date.distantFuture
            return rows.sorted { ($0.deleteAt ?? far, $0.arn) < ($1.deleteAt ?? far, $1.arn) }
        case "vault":
            return rows.sorted { ($0.vaultName, $1.creationDate, $0.arn) < ($1.vaultName, $0.creationDate, $1.arn) }
        case "size":
            return rows.sorted { $0.sizeBytes != $1.sizeBytes ? $0.sizeBytes > $1.sizeBytes : $0.arn < $1.arn }
        default:
            return rows.sorted { $0.creationDate != $1.creationDate ? $0.creationDate > $1.creationDate : $0.arn < $1.arn }
        }
    }

    static func alerts(_ state: AccountState, filter: String, unacknowledgedOnly: Bool, order: String) -> [Alert] {
        var rows = state.alerts
        if unacknowledgedOnly { rows = rows.filter { !state.isAcknowledged($0.id) } }
        if !filter.isEmpty {
            let needle = Needle(filter)
            rows = rows.filter {
                needle.matches(
                    [$0.action, $0.principal.displayName, $0.principal.arn, $0.vaultName, $0.outcome, $0.id,
                     $0.sourceIPAddress, $0.accountId, $0.region, state.isAcknowledged($0.id) ? "acked" : "new"])
            }
        }
        // Raising order is arrival order; newest first is the default view.
        let indexed = Array(rows.enumerated())
        let sorted: [(offset: Int, element: Alert)]
        switch order {
        case "severity":
            sorted = indexed.sorted {
                $0.element.severity != $1.element.severity ? $0.element.severity > $1.element.severity : $0.offset > $1.offset
            }
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
