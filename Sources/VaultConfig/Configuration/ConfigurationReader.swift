import Foundation
import VaultCore

extension Configuration {
    /// The configuration a TOML text describes; `file` names it in errors.
    public static func parse(_ text: String, file: String) throws(ConfigurationError) -> Configuration {
        let root: TOMLTable
        do {
            root = try TOMLParser.parse(text)
        } catch {
            throw ConfigurationError(file: file, line: error.line, "column \(error.column): \(error.message)")
        }
        let reader = Reader(file: file)
        var configuration = Configuration()
        configuration.path = file
        try reader.keys(of: root, allowed: ["account", "polling", "alerts", "guardrails"], in: nil)
        if let entry = root["account"] {
            for (i, item) in try reader.tables(entry, key: "account").enumerated() {
                try reader.keys(of: item, allowed: ["profile", "regions", "organizations_profile"], in: "account")
                configuration.accounts.append(
                    Account(
                        profile: try reader.string(item["profile"], key: "account.profile"),
                        regions: try reader.strings(item["regions"], key: "account.regions") ?? [],
                        organizationsProfile: try reader.string(item["organizations_profile"], key: "account.organizations_profile"),
                        line: item.line == 0 ? entry.line + i : item.line))
            }
        }
        if let polling = try reader.table(root["polling"], key: "polling") {
            try reader.keys(of: polling, allowed: ["interval_seconds", "reconcile_minutes"], in: "polling")
            if let seconds = try reader.integer(polling["interval_seconds"], key: "interval_seconds", in: 5...86_400) {
                configuration.pollSeconds = seconds
            }
            if let minutes = try reader.integer(polling["reconcile_minutes"], key: "reconcile_minutes", in: 1...10_080) {
                configuration.reconcileMinutes = minutes
            }
        }
        if let alerts = try reader.table(root["alerts"], key: "alerts") {
            try reader.keys(of: alerts, allowed: ["sqs_queue_urls", "cloudtrail", "events_files", "event_buses"], in: "alerts")
            configuration.feeds.sqsQueueURLs = try reader.strings(alerts["sqs_queue_urls"], key: "sqs_queue_urls") ?? []
            configuration.feeds.cloudTrail = try reader.boolean(alerts["cloudtrail"], key: "cloudtrail") ?? false
            configuration.feeds.eventsFiles = try reader.strings(alerts["events_files"], key: "events_files") ?? []
            if let buses = try reader.strings(alerts["event_buses"], key: "event_buses") {
                guard !buses.isEmpty else { throw reader.error(alerts["event_buses"], "event_buses must name at least one bus") }
                configuration.eventBuses = buses
            }
            for url in configuration.feeds.sqsQueueURLs where URL(string: url)?.scheme == nil {
                throw reader.error(alerts["sqs_queue_urls"], "\"\(url)\" is not a queue URL (https://sqs.REGION.amazonaws.com/ACCOUNT/NAME)")
            }
        }
        if let guardrails = try reader.table(root["guardrails"], key: "guardrails") {
            configuration.guardrails = try reader.guardrails(guardrails)
        }
        return configuration
    }

    /// Reads typed values out of TOML entries, each error naming the file, the line and the key.
    fileprivate struct Reader {
        let file: String

        func error(_ entry: TOMLTable.Entry?, _ message: String) -> ConfigurationError {
            ConfigurationError(file: file, line: entry?.line, message)
        }

        /// Refuses a key that is not a setting, suggesting the nearest one.
        func keys(of table: TOMLTable, allowed: [String], in section: String?) throws(ConfigurationError) {
            for key in table.keys where !allowed.contains(key) {
                let place = section.map { " in [\($0)]" } ?? ""
                throw error(
                    table[key],
                    "\"\(key)\"\(place) is not a setting\(Suggestion.clause(for: key, among: allowed)); known: "
                        + allowed.joined(separator: ", "))
            }
        }

        func table(_ entry: TOMLTable.Entry?, key: String) throws(ConfigurationError) -> TOMLTable? {
            guard let entry else { return nil }
            guard case .table(let table) = entry.value else { throw error(entry, "\(key) must be a table ([\(key)])") }
            return table
        }

        func tables(_ entry: TOMLTable.Entry, key: String) throws(ConfigurationError) -> [TOMLTable] {
            guard case .array(let items) = entry.value else { throw error(entry, "\(key) must be written [[\(key)]]") }
            var tables: [TOMLTable] = []
            for item in items {
                guard case .table(let table) = item else { throw error(entry, "\(key) must be written [[\(key)]]") }
                tables.append(table)
            }
            return tables
        }

        func string(_ entry: TOMLTable.Entry?, key: String) throws(ConfigurationError) -> String? {
            guard let entry else { return nil }
            guard case .string(let text) = entry.value, !text.isEmpty else {
                throw error(entry, "\(key) must be a non-empty string, not \(entry.value.kindName)")
            }
            return text
        }

        func strings(_ entry: TOMLTable.Entry?, key: String) throws(ConfigurationError) -> [String]? {
            guard let entry else { return nil }
            guard case .array(let items) = entry.value else { throw error(entry, "\(key) must be an array of strings") }
            var out: [String] = []
            for item in items {
                guard case .string(let text) = item, !text.isEmpty else {
                    throw error(entry, "\(key) must be an array of non-empty strings")
                }
                out.append(text)
            }
            return out
        }

        func integer(_ entry: TOMLTable.Entry?, key: String, in range: ClosedRange<Int>) throws(ConfigurationError) -> Int? {
            guard let entry else { return nil }
            guard case .integer(let value) = entry.value, let n = Int(exactly: value), range.contains(n) else {
                throw error(entry, "\(key) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
            }
            return n
        }

        func boolean(_ entry: TOMLTable.Entry?, key: String) throws(ConfigurationError) -> Bool? {
            guard let entry else { return nil }
            guard case .boolean(let value) = entry.value else { throw error(entry, "\(key) must be true or false") }
            return value
        }

        /// `[guardrails]`, in snake case, over the built-in defaults; validated as `guardrails.json` is.
        func guardrails(_ table: TOMLTable) throws(ConfigurationError) -> GuardrailSettings {
            let names: [(toml: String, json: String)] = [
                ("admin_arns", "adminArns"), ("organization_id", "organizationId"), ("required_lock_mode", "requiredLockMode"),
                ("min_retention_days", "minRetentionDays"), ("max_retention_days", "maxRetentionDays"),
                ("cooling_off_warning_days", "coolingOffWarningDays"),
                ("recovery_point_max_age_hours", "recoveryPointMaxAgeHours"), ("sensitive_actions", "sensitiveActions"),
                ("vaults", "vaults"),
            ]
            try keys(of: table, allowed: names.map(\.toml), in: "guardrails")
            var object: [String: Any] = [:]
            for (toml, json) in names {
                guard let entry = table[toml] else { continue }
                object[json] = try plain(entry, key: toml)
            }
            let data: Data
            do {
                data = try JSONSerialization.data(withJSONObject: object)
            } catch {
                throw self.error(nil, "[guardrails] could not be read")
            }
            do {
                return try GuardrailSettings.decode(data, over: GuardrailSettings(adminArns: []))
            } catch let failure as GuardrailSettingsError {
                let toml = names.first { $0.json == failure.key }?.toml
                throw self.error(toml.flatMap { table[$0] } ?? nil, "\(toml.map { "\"\($0)\" " } ?? "")\(failure.message)")
            } catch {
                throw self.error(nil, "[guardrails]: \(error)")
            }
        }

        private func plain(_ entry: TOMLTable.Entry, key: String) throws(ConfigurationError) -> Any {
            switch entry.value {
            case .string(let text): return text
            case .integer(let n): return n
            case .boolean(let b): return b
            case .float(let d): return d
            case .array(let items):
                var out: [Any] = []
                for item in items {
                    guard case .string(let text) = item else { throw error(entry, "\(key) must be an array of strings") }
                    out.append(text)
                }
                return out
            case .table: throw error(entry, "\(key) must not be a table")
            }
        }
    }
}
