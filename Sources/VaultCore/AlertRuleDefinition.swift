import Foundation

extension AlertRule {
    /// An alert rule from the JSON an operator has at hand: either a bare EventBridge event
    /// pattern (what `aws events put-rule --event-pattern` takes), or the output of
    /// `aws events describe-rule` (`Name`, `State`, `EventPattern` as a string), optionally with
    /// the `Targets` of `aws events list-targets-by-rule` added. The pattern alone decides what
    /// raises an alert; `fallbackName` names a bare pattern (its file name).
    public static func definition(_ data: Data, fallbackName: String) throws(EventPatternError) -> AlertRule {
        let value: JSONValue
        do {
            value = try JSONValue(data: data)
        } catch {
            throw EventPatternError(path: "", message: "not valid JSON\(JSONValue.place(of: error))")
        }
        guard case .object(let object) = value else {
            throw EventPatternError(path: "", message: "a rule must be a JSON object, got \(String(describing: value).prefix(60))")
        }
        if object["EventPattern"] == nil, object["ScheduleExpression"] != nil || object["Arn"] != nil {
            throw EventPatternError(
                path: "EventPattern", message: "missing: this rule has no event pattern (a scheduled rule?)")
        }
        guard let embedded = object["EventPattern"] else {
            return AlertRule(
                name: fallbackName, sensitiveActions: seedSensitiveActions, adminArns: [],
                pattern: try EventPattern(value))
        }
        guard case .string(let text) = embedded else {
            throw EventPatternError(path: "EventPattern", message: "must be the pattern as a JSON string")
        }
        let pattern: EventPattern
        do {
            pattern = try EventPattern(json: Data(text.utf8))
        } catch {
            throw EventPatternError(path: "EventPattern" + (error.path.isEmpty ? "" : ".\(error.path)"), message: error.message)
        }
        return AlertRule(
            name: try string(object["Name"], at: "Name") ?? fallbackName, sensitiveActions: seedSensitiveActions,
            adminArns: [], pattern: pattern, isEnabled: try state(object["State"]), targets: try targets(object["Targets"]))
    }

    private static func string(_ value: JSONValue?, at path: String) throws(EventPatternError) -> String? {
        switch value {
        case nil, .null?: return nil
        case .string(let text)?: return text
        case let other?: throw EventPatternError(path: path, message: "must be a string, got \(other)")
        }
    }

    /// `ENABLED`, `DISABLED` or `ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS`; absent means enabled.
    private static func state(_ value: JSONValue?) throws(EventPatternError) -> Bool {
        guard let state = try string(value, at: "State") else { return true }
        switch state {
        case "ENABLED", "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS": return true
        case "DISABLED": return false
        default: throw EventPatternError(path: "State", message: "must be ENABLED or DISABLED, got \"\(state)\"")
        }
    }

    /// `[{"Id": …, "Arn": …}]` as `list-targets-by-rule` prints it, or a list of ARNs.
    private static func targets(_ value: JSONValue?) throws(EventPatternError) -> [String]? {
        guard let value else { return nil }
        guard case .array(let items) = value else {
            throw EventPatternError(path: "Targets", message: "must be a list of targets")
        }
        var arns: [String] = []
        for (i, item) in items.enumerated() {
            switch item {
            case .string(let arn): arns.append(arn)
            case .object(let target):
                guard let arn = try string(target["Arn"], at: "Targets[\(i)].Arn") else {
                    throw EventPatternError(path: "Targets[\(i)]", message: "has no Arn")
                }
                arns.append(arn)
            default: throw EventPatternError(path: "Targets[\(i)]", message: "must be an object with an Arn")
            }
        }
        return arns
    }
}
