import ArgumentParser
import Foundation
import VaultCore
import VaultStore

/// `vaultwatch vaults`: every vault with its lock state, for people or (`--json`) scripts.
struct Vaults: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vaults", abstract: "List vaults with their lock state and settings.")

    @OptionGroup var storeOptions: StoreOptions
    @Flag(help: "Print JSON.") var json = false

    struct Row: Encodable {
        var name: String
        var accountId: String
        var region: String
        var arn: String
        var lockState: String
        var locked: Bool
        var minRetentionDays: Int?
        var maxRetentionDays: Int?
        var lockDate: Date?
        var secondsUntilLockDate: Int?
        var lockChangeable: Bool
        var encryptionKeyType: String?
        var encryptionKeyArn: String?
        /// nil when the account's recovery points could not be read (`recoveryPointsUnreadable` says why).
        var recoveryPoints: Int?
        var recoveryPointsUnreadable: String?
    }

    func run() throws {
        // The vaults file and each points file's summary: never the points themselves.
        let overview = try StoreReader.read(storeOptions.openExisting(), [.vaults, .sync], points: .counts)
        let state = overview.state
        let now = StoreReader.now(of: state)
        let rows = state.sortedVaults.map { v -> Row in
            let lock = v.lockState(at: now)
            var left: Int?
            if case .complianceGrace(let until) = lock { left = Countdown(to: until, now: now).secondsLeft }
            let count = overview.points[v.key]?.points ?? 0
            let unreadable = count == 0 ? state.unreadable("ListRecoveryPointsByBackupVault", vault: v.key) : nil
            return Row(
                name: v.name, accountId: v.accountId, region: v.region, arn: v.arn, lockState: lock.word, locked: lock.isLocked,
                minRetentionDays: v.lock?.minRetentionDays, maxRetentionDays: v.lock?.maxRetentionDays,
                lockDate: v.lock?.lockDate, secondsUntilLockDate: left, lockChangeable: lock.isChangeable,
                encryptionKeyType: v.encryptionKeyType?.rawValue, encryptionKeyArn: v.encryptionKeyArn,
                recoveryPoints: unreadable == nil ? count : nil, recoveryPointsUnreadable: unreadable)
        }
        if json { return try JSONOutput.print(rows) }
        let whereColumns = state.spansAccountsOrRegions
        TextTable.print(
            header: (whereColumns ? ["ACCOUNT", "REGION"] : []) + ["NAME", "LOCK", "MIN", "MAX", "LOCK DATE", "POINTS"],
            rows: rows.map { r in
                var lock = r.lockState
                if let s = r.secondsUntilLockDate { lock += " (\(Countdown.clock(seconds: s)) left)" }
                return (whereColumns ? [r.accountId, r.region] : []) + [
                    r.name, lock, r.minRetentionDays.map { "\($0)d" } ?? "-", r.maxRetentionDays.map { "\($0)d" } ?? "-",
                    r.lockDate.map(UTC.minute) ?? "-", r.recoveryPoints.map(String.init) ?? "? (unreadable)",
                ]
            })
    }
}
