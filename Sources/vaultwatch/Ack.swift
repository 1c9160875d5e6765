import ArgumentParser
import Foundation
import VaultCore
import VaultStore

/// `vaultwatch ack ALERT_ID`: acknowledge an alert on the record, from a script or another terminal.
struct Ack: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ack",
        abstract: "Acknowledge an alert (by id or a unique prefix of at least 4 characters).")

    @OptionGroup var storeOptions: StoreOptions
    @Argument(help: "The alert's id, or a unique prefix of it.") var alertId: String
    @Option(help: "A note kept with the acknowledgement.") var note: String?
    @Option(help: "Who acknowledges (default: user@host).") var by: String?
    @Flag(help: "Print the acknowledgement as JSON.") var json = false

    struct Row: Encodable {
        var id: String
        var alertId: String
        var by: String
        var at: Date
        var note: String?
    }

    func run() throws {
        let store = try storeOptions.openExistingForWriting()
        // The acknowledgement itself sets aside a torn line of acks.jsonl, and says so.
        let state = try StoreReader.read(store, [.alerts, .sync], leaving: ["acks.jsonl"]).state
        let prefix = alertId.lowercased()
        guard prefix.count >= 4 else { throw CLIError("alert id \"\(alertId)\" is too short: give at least 4 characters") }
        let matches = state.alertIds(withPrefix: prefix)
        guard let id = matches.first else { throw CLIError("no alert with id \"\(alertId)\" in \(store.directory.path)") }
        guard matches.count == 1 else {
            throw CLIError("alert id \"\(alertId)\" is ambiguous: \(matches.prefix(5).joined(separator: ", "))")
        }
        let cleanNote = note?.trimmingCharacters(in: .whitespacesAndNewlines)
        let ack = Acknowledgement(
            id: UUID().uuidString.lowercased(), alertId: id, by: by ?? Identity.current(), at: StoreReader.now(of: state),
            note: cleanNote?.isEmpty == false ? cleanNote : nil)
        // Decided under the acknowledgements' lock: of several acks racing, exactly one is recorded.
        let outcome = try ProblemReport.writing(store) { try store.acknowledge(ack) }
        switch outcome {
        case .alreadyAcknowledged(let existing):
            throw CLIError("alert \(id) was already acknowledged by \(existing.by) at \(UTC.second(existing.at)) UTC")
        case .recorded:
            break
        }
        if json {
            try JSONOutput.print(Row(id: ack.id, alertId: id, by: ack.by, at: ack.at, note: ack.note))
        } else {
            print(TextTable.sanitize("acknowledged \(id) as \(ack.by) at \(UTC.minute(ack.at))"))
        }
    }
}
