import ArgumentParser
import Foundation
import VaultCore
import VaultStore

/// `vaultwatch points`: recovery points with expiry and whether each could be deleted now.
struct Points: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List recovery points with their expiry and whether (and why not) each could be deleted.")

    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "Only this vault's points.") var vault: String?
    @Flag(help: "Print JSON.") var json = false

    struct Row: Encodable {
        var recoveryPointArn: String
        var vault: String
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
        // One vault's points are read from its file alone.
        let state = try vault.map { try StoreReader.read(store, [.vaults, .sync], points: .of(vaults: [$0])).state }
            ?? StoreReader.load(store)
        if let vault, state.vaults[vault] == nil { throw CLIError("no vault named \"\(vault)\" in the store") }
        let now = StoreReader.now(of: state)
        let names = vault.map { [$0] } ?? state.sortedVaults.map(\.name)
        let rows = names.flatMap { name in
            state.points(in: name).map { p -> Row in
                let verdict = state.vaults[name].map { VaultLockRules.deleteRecoveryPoint(p, in: $0, at: now) }
                    ?? .refused(because: "the vault is not in the store")
                return Row(
                    recoveryPointArn: p.arn, vault: p.vaultName, resourceArn: p.resourceArn,
                    resourceType: p.resourceType, resourceName: p.resourceName, sourceAccount: p.sourceAccount,
                    status: p.status.rawValue, creationDate: p.creationDate, deleteAt: p.deleteAt,
                    moveToColdStorageAt: p.moveToColdStorageAt, sizeBytes: p.sizeBytes,
                    deletable: verdict.isAllowed, deletableReason: verdict.reason)
            }
        }
        if json { return try JSONOutput.print(rows) }
        TextTable.print(
            header: ["VAULT", "RESOURCE", "TYPE", "CREATED", "EXPIRES", "DELETABLE"],
            rows: rows.map {
                [
                    $0.vault, $0.resourceName ?? $0.resourceArn, $0.resourceType, UTC.minute($0.creationDate),
                    $0.deleteAt.map(UTC.minute) ?? "never", $0.deletable ? "yes" : "no",
                ]
            })
    }
}
