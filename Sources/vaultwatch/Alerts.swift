import ArgumentParser
import Foundation
import VaultCore

/// `vaultwatch alerts`: unauthorized attempts and their acknowledgements.
struct Alerts: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts", abstract: "List alerts, newest first, with their acknowledgements.")

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
        MallocTuning.forOneShotListing()
        // The alert files, and the vaults and syncs the default admins are chosen by: never the
        // points. For the table, only what it shows of each alert (the JSON has every field).
        let state = try StoreReader.read(
            storeOptions.openExisting(), [.vaults, .alerts, .sync], alerts: json ? .whole : .listed
        ).state
        // The admins a look-alike is measured against, found as the dashboard finds them.
        let defaults = GuardrailDefaults.choose(profile: storeOptions.profile, demo: false, state: state)
        let admins = try guardrails.load(defaultRules: defaults.rules, defaultSettings: defaults.settings).settings.adminArns
        // Newest first, by where each is in the state (not a copy of each alert).
        let alerts = state.alerts
        let unacknowledgedOnly = unacknowledgedOnly  // read once, not through its wrapper per alert
        let listed = alerts.indices.reversed().compactMap { i -> (index: Int, ack: Acknowledgement?)? in
            let ack = state.acknowledgement(of: alerts[i].id)
            return unacknowledgedOnly && ack != nil ? nil : (i, ack)
        }
        if json {
            var assessor = AlertAssessor(admins: admins)
            let rows = listed.map { i, ack in Self.row(alerts[i], ack, assessor.assess(alerts[i])) }
            JSONOutput.print(encoded: Data(AlertRowsJSON.bytes(of: rows)))
        } else {
            var principals = ListedPrincipals(admins: admins)
            printTable(alerts, listed, principals: &principals, whereColumns: state.spansAccountsOrRegions)
        }
        // Everything read stays allocated until the process ends: freeing 15,000 alerts one by one
        // would cost a listing a tenth of its time for nothing.
        QuickExit.now(keeping: (state, listed))
    }

    private func printTable(
        _ alerts: AlertLog, _ listed: [(index: Int, ack: Acknowledgement?)], principals: inout ListedPrincipals, whereColumns: Bool
    ) {
        var table = TextTable(
            header: ["ID", "TIME", "SEV", "ACTION", "PRINCIPAL"] + (whereColumns ? ["ACCOUNT", "REGION"] : []) + ["VAULT", "OUTCOME", "ACK"])
        table.reserve(rows: listed.count, bytesPerRow: 200)
        // Each alert read where it is, field by field: not copied out of the log (a copy retains
        // each of its strings, and releases them after).
        for (i, ack) in listed {
            alerts.withAlert(at: i) { addRow($0, ack, to: &table, principals: &principals, whereColumns: whereColumns) }
        }
        table.print()
    }

    private func addRow(
        _ alert: UnsafePointer<Alert>, _ ack: Acknowledgement?, to table: inout TextTable, principals: inout ListedPrincipals,
        whereColumns: Bool
    ) {
        // Field by field: a function of another module given the whole alert would get a copy.
        let principal = principals.shown(alert.pointee.principal)
        let severity = AlertTriage.severity(
            action: alert.pointee.action, by: alert.pointee.principal.kind, looksLike: principal.looksLike, outcome: alert.pointee.outcome)
        table.add(alert.pointee.shortId)
        table.add(UTC.minute(alert.pointee.time))
        table.add(severity.word)
        table.add(alert.pointee.action)
        table.add(principal.looksLike == nil ? principal.name : "≠" + principal.name)
        if whereColumns {
            table.add(alert.pointee.accountId.isEmpty ? "-" : alert.pointee.accountId)
            table.add(alert.pointee.region.isEmpty ? "-" : alert.pointee.region)
        }
        table.add(alert.pointee.vaultName ?? "-")
        table.add(alert.pointee.outcome)
        if let ack { table.add("\(ack.by) \(UTC.minute(ack.at))" + (ack.note.map { ": \($0)" } ?? "")) } else { table.add("NEW") }
        table.endRow()
    }

    static func row(_ a: Alert, _ ack: Acknowledgement?, _ assessment: AlertAssessment) -> Row {
        Row(
            id: a.id, time: a.time, severity: assessment.severity.word, severityReasons: assessment.reasons,
            looksLikeAdmin: assessment.looksLike, action: a.action,
            principal: a.principal.displayName, principalArn: a.principal.arn, judgedArn: a.principal.judgedArn, vault: a.vaultName,
            accountId: a.accountId, region: a.region, recoveryPointArn: a.recoveryPointArn, outcome: a.outcome, errorMessage: a.errorMessage,
            sourceIPAddress: a.sourceIPAddress, acknowledged: ack != nil,
            acknowledgement: ack.map { Row.AckRow(id: $0.id, by: $0.by, at: $0.at, note: $0.note) })
    }
}
