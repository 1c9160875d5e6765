/// Which key does what, per screen with a global fallback (tig's `bind generic` / `bind main`).
/// The footer hints and the help screen are generated from it, so they can never disagree
/// with what the keys do.
public struct KeyMap: Equatable, Sendable {
    public enum Context: String, CaseIterable, Sendable {
        case global, vaults, recoveryPoints, alerts, guardrails, detail

        /// How the help screen names it.
        public var title: String {
            switch self {
            case .global: return "everywhere"
            case .vaults: return "vaults"
            case .recoveryPoints: return "recovery points"
            case .alerts: return "alerts"
            case .guardrails: return "guardrails"
            case .detail: return "details"
            }
        }
    }

    public private(set) var bindings: [Context: [Key: Action]]

    public init(bindings: [Context: [Key: Action]]) { self.bindings = bindings }

    public func action(for key: Key, in context: Context) -> Action? {
        bindings[context]?[key] ?? bindings[.global]?[key]
    }

    /// The keys bound to `action` in `context` (or globally), in a stable order.
    public func keys(for action: Action, in context: Context) -> [Key] {
        let local = (bindings[context] ?? [:]).filter { $0.value == action }.map(\.key)
        let global = (bindings[.global] ?? [:]).filter { $0.value == action && bindings[context]?[$0.key] == nil }
            .map(\.key)
        return (local + global).sorted { KeyMap.order($0) < KeyMap.order($1) }
    }

    /// Printable keys first (as typed), then named keys.
    static func order(_ key: Key) -> String {
        if case .char(let c) = key { return "0" + String(c) }
        return "1" + key.label
    }

    /// A copy without write actions (for `--read-only`).
    public var readOnly: KeyMap {
        KeyMap(bindings: bindings.mapValues { $0.filter { !$0.value.isWrite } })
    }

    public static let standard = KeyMap(bindings: [
        .global: [
            .up: .moveUp, .char("k"): .moveUp, .down: .moveDown, .char("j"): .moveDown,
            .pageUp: .pageUp, .pageDown: .pageDown, .char("g"): .top, .home: .top, .char("G"): .bottom,
            .end: .bottom, .tab: .nextTab, .backTab: .previousTab, .char("1"): .showVaults,
            .char("2"): .showRecoveryPoints, .char("3"): .showAlerts, .char("4"): .showGuardrails, .enter: .open, .escape: .back,
            .char("/"): .filter, .char("s"): .sort, .char("?"): .help, .char("t"): .nextTheme,
            .char("p"): .togglePause, .char("!"): .showNotices, .ctrl("l"): .redraw, .char("q"): .quit,
        ],
        .alerts: [.char("a"): .acknowledge, .char("u"): .toggleUnacknowledged],
        .detail: [.char("a"): .acknowledge, .char("v"): .toggleFullValues],
    ])

    /// Applies user bindings (`context → key name → action name`) over `self`. Unknown keys,
    /// contexts and actions, and two actions on one key in one context, are rejected with a
    /// message naming them.
    public func overriding(with user: [String: [String: String]]) throws -> KeyMap {
        var result = bindings
        for (contextName, entries) in user.sorted(by: { $0.key < $1.key }) {
            guard let context = Context(rawValue: contextName) else {
                throw KeyMapError(description: "unknown key map context \"\(contextName)\"")
            }
            var seen: [Key: String] = [:]
            for (keyName, actionName) in entries.sorted(by: { $0.key < $1.key }) {
                guard let key = Key(name: keyName) else {
                    throw KeyMapError(description: "\(contextName): unknown key \"\(keyName)\"")
                }
                guard let action = Action(rawValue: actionName) else {
                    throw KeyMapError(description: "\(contextName): unknown action \"\(actionName)\"")
                }
                if let other = seen[key], other != keyName {
                    throw KeyMapError(
                        description: "\(contextName): \"\(keyName)\" and \"\(other)\" are the same key")
                }
                seen[key] = keyName
                result[context, default: [:]][key] = action
            }
        }
        // Rebinding a key must not leave the operator without a way out or a way to find the keys.
        let map = KeyMap(bindings: result)
        for needed in [Action.quit, .help] where map.keys(for: needed, in: .global).isEmpty {
            throw KeyMapError(description: "no key is left for \"\(needed.rawValue)\" everywhere")
        }
        return map
    }
}

public struct KeyMapError: Error, CustomStringConvertible, Equatable {
    public let description: String
}
