import ArgumentParser
import Foundation
import VaultCore
import VaultStore

/// `vaultwatch points`: recovery points with expiry and whether each could be deleted now.
struct Points: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "points",
        abstract: "List recovery points with their expiry and whether (and why not) each could be deleted.")

    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "Only this vault's points.") var vault: String?
    @Flag(help: "Print JSON.") var json = false

    struct Row: Encodable {
        var recoveryPointArn: String
        var vault: String
        var accountId: String
        var region: String
        var resourceArn: String
        var resourceType: String
        var resourceName: String?
        var sourceAccount: String?
        var status: String
        var creationDate: Date
        var deleteAt: Date?
        var moveToColdStorageAt: Date?
        var sizeBytes: Int64
        var deletable: Bool
        var deletableReason: String
    }

    func run() throws {
        let store = try storeOptions.openExisting()
        let state: AccountState
        let chosen: [Vault]
        if let vault {
            // The vaults file says which vault is meant; its points are read from its file alone.
            var overview = try StoreReader.read(store, [.vaults, .sync])
            let one = try VaultArgument.resolve(vault, in: overview.state)
            try StoreReader.readPoints(of: one.key, from: store, into: &overview)
            state = overview.state
            chosen = [one]
        } else {
            state = try StoreReader.load(store)
            chosen = state.sortedVaults
        }
        let now = StoreReader.now(of: state)
        let rows = chosen.flatMap { vault in
            state.points(in: vault.key).map { p -> Row in
                let verdict = VaultLockRules.deleteRecoveryPoint(p, in: vault, at: now)
                return Row(
                    recoveryPointArn: p.arn, vault: p.vaultName, accountId: vault.accountId, region: vault.region,
                    resourceArn: p.resourceArn,
                    resourceType: p.resourceType, resourceName: p.resourceName, sourceAccount: p.sourceAccount,
                    status: p.status.rawValue, creationDate: p.creationDate, deleteAt: p.deleteAt,
                    moveToColdStorageAt: p.moveToColdStorageAt, sizeBytes: p.sizeBytes,
                    deletable: verdict.isAllowed, deletableReason: verdict.reason)
            }
        }
        if json { return try JSONOutput.print(rows) }
        let whereColumns = state.spansAccountsOrRegions
        TextTable.print(
            header: (whereColumns ? ["ACCOUNT", "REGION"] : []) + ["VAULT", "RESOURCE", "TYPE", "CREATED", "EXPIRES", "DELETABLE"],
            rows: rows.map {
                (whereColumns ? [$0.accountId, $0.region] : []) + [
                    $0.vault, $0.resourceName ?? $0.resourceArn, $0.resourceType, UTC.minute($0.creationDate),
                    $0.deleteAt.map(UTC.minute) ?? "never", $0.deletable ? "yes" : "no",
                ]
            })
    }
}
