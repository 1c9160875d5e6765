import ArgumentParser
import Foundation
import VaultCore

/// `vaultwatch alerts`: unauthorized attempts and their acknowledgements.
struct Alerts: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List alerts, newest first, with their acknowledgements.")

    @OptionGroup var storeOptions: StoreOptions
    @Flag(name: .customLong("unacknowledged"), help: "Only alerts nobody has acknowledged.") var unacknowledgedOnly = false
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var guardrails: GuardrailOptions

    struct Row: Encodable {
        struct AckRow: Encodable {
            var id: String
            var by: String
            var at: Date
            var note: String?
        }
        var id: String
        var time: Date
        /// low, medium, high or critical: what was attempted, by whom, and whether it worked.
        var severity: String
        /// What the severity adds up from (`changes the Vault Lock +3`, `by root +2`, …).
        var severityReasons: [String]
        /// The admin role the principal's name reads as while not being it.
        var looksLikeAdmin: String?
        var action: String
        var principal: String
        /// The identity that made the call (a session, a user, root).
        var principalArn: String
        /// The ARN guardrails judge: the role behind a session, else the identity itself.
        var judgedArn: String
        var vault: String?
        /// Where the call was made: the account and region (empty for an alert stored before schema 3
        /// that names no vault).
        var accountId: String
        var region: String
        var recoveryPointArn: String?
        var outcome: String
        var errorMessage: String?
        var sourceIPAddress: String?
        var acknowledged: Bool
        var acknowledgement: AckRow?
    }

    func run() throws {
        // The alert files, and the vaults and syncs the default admins are chosen by: never the points.
        let state = try StoreReader.read(storeOptions.openExisting(), [.vaults, .alerts, .sync]).state
        // The admins a look-alike is measured against, found as the dashboard finds them.
        let defaults = GuardrailDefaults.choose(profile: storeOptions.profile, demo: false, state: state)
        var assessor = AlertAssessor(
            admins: try guardrails.load(defaultRules: defaults.rules, defaultSettings: defaults.settings).settings.adminArns)
        let rows = state.alerts.reversed().compactMap { a -> Row? in
            let ack = state.acknowledgement(of: a.id)
            if unacknowledgedOnly && ack != nil { return nil }
            let assessment = assessor.assess(a)
            return Row(
                id: a.id, time: a.time, severity: assessment.severity.word, severityReasons: assessment.reasons,
                looksLikeAdmin: assessment.looksLike, action: a.action,
                principal: a.principal.displayName, principalArn: a.principal.arn, judgedArn: a.principal.judgedArn, vault: a.vaultName,
                accountId: a.accountId, region: a.region, recoveryPointArn: a.recoveryPointArn, outcome: a.outcome, errorMessage: a.errorMessage,
                sourceIPAddress: a.sourceIPAddress, acknowledged: ack != nil,
                acknowledgement: ack.map { Row.AckRow(id: $0.id, by: $0.by, at: $0.at, note: $0.note) })
        }
        if json { return try JSONOutput.print(rows) }
        let whereColumns = state.spansAccountsOrRegions
        TextTable.print(
            header: ["ID", "TIME", "SEV", "ACTION", "PRINCIPAL"] + (whereColumns ? ["ACCOUNT", "REGION"] : []) + ["VAULT", "OUTCOME", "ACK"],
            rows: rows.map {
                [String($0.id.prefix(8)), UTC.minute($0.time), $0.severity, $0.action, ($0.looksLikeAdmin == nil ? "" : "≠") + $0.principal]
                    + (whereColumns ? [$0.accountId.isEmpty ? "-" : $0.accountId, $0.region.isEmpty ? "-" : $0.region] : []) + [
                    $0.vault ?? "-", $0.outcome,
                    $0.acknowledgement.map { "\($0.by) \(UTC.minute($0.at))" + ($0.note.map { ": \($0)" } ?? "") } ?? "NEW",
                ]
            })
    }
}
