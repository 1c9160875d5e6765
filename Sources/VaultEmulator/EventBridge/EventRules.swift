import Foundation
import VaultDemo

/// The EventBridge rules of the emulated account's default event bus, with their targets: what
/// `put-rule` and `put-targets` made (or the demo's rule), kept in the emulator's store.
public struct EventRules: Codable, Equatable, Sendable {
    public struct Target: Codable, Equatable, Sendable {
        public var id: String
        public var arn: String
    }

    public struct Rule: Codable, Equatable, Sendable {
        public var name: String
        public var eventPattern: String?
        public var scheduleExpression: String?
        /// `ENABLED`, `DISABLED` or `ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS`.
        public var state: String
        public var description: String?
        public var targets: [Target]
    }

    public private(set) var rules: [Rule] = []

    public init() {}

    /// The demo account's rule (`DemoAccount.eventRule`).
    public static func demo() -> EventRules {
        let rule = DemoAccount.eventRule
        var rules = EventRules()
        rules.put(
            Rule(
                name: rule.name, eventPattern: rule.pattern, scheduleExpression: nil, state: "ENABLED",
                description: rule.description, targets: rule.targets.map { Target(id: $0.id, arn: $0.arn) }))
        return rules
    }

    public func rule(named name: String) -> Rule? { rules.first { $0.name == name } }

    /// Adds the rule, or replaces the one of that name keeping its targets.
    public mutating func put(_ rule: Rule) {
        if let index = rules.firstIndex(where: { $0.name == rule.name }) {
            var updated = rule
            updated.targets = rules[index].targets
            rules[index] = updated
        } else {
            rules.append(rule)
            rules.sort { $0.name < $1.name }
        }
    }

    /// Adds or replaces targets by id.
    mutating func putTargets(_ targets: [Target], on name: String) {
        guard let index = rules.firstIndex(where: { $0.name == name }) else { return }
        for target in targets {
            if let existing = rules[index].targets.firstIndex(where: { $0.id == target.id }) {
                rules[index].targets[existing] = target
            } else {
                rules[index].targets.append(target)
            }
        }
    }

    mutating func removeTargets(_ ids: [String], from name: String) {
        guard let index = rules.firstIndex(where: { $0.name == name }) else { return }
        rules[index].targets.removeAll { ids.contains($0.id) }
    }

    mutating func delete(_ name: String) { rules.removeAll { $0.name == name } }
}
