import Foundation
import VaultCore

/// EventBridge (JSON 1.1, `AWSEvents`) on the account's default bus: the reads the AWS source makes
/// (`ListRules`, `DescribeRule`, `ListTargetsByRule`) and the writes a rehearsal needs to deploy an
/// alert rule with the AWS CLI (`PutRule`, `PutTargets`, `RemoveTargets`, `DeleteRule`). A pattern
/// is checked as `put-rule` checks it, by vaultwatch's EventBridge pattern reader. A caller of
/// another account sees its own (empty) bus and cannot write to this one.
struct EventBridgeService {
    static let targetPrefix = "AWSEvents"

    let accountId: String
    let region: String
    let enforcement: PolicyEnforcement

    func ruleArn(_ name: String) -> String { "arn:aws:events:\(region):\(accountId):rule/\(name)" }

    /// Reads answer from `rules`; writes change `rules` (the caller saves them).
    func handle(_ call: JSONCall, rules: inout EventRules) throws(ServiceError) -> Data {
        try requireDefaultBus(call)
        let ownAccount = call.principal.accountId == accountId
        let visible = ownAccount ? rules.rules : []
        var out = JSONWriter()
        switch call.operation {
        case "ListRules":
            try authorize(call, "arn:aws:events:\(region):\(call.principal.accountId):rule/*")
            let prefix = try call.string("NamePrefix") ?? ""
            let page = try call.page(
                visible.filter { $0.name.hasPrefix(prefix) }, limitKey: "Limit", limits: 1...100, defaultLimit: 100,
                scope: prefix)
            out.add("Rules", each: page.items) { item, rule in describe(rule, into: &item) }
            out.add("NextToken", page.next)
        case "DescribeRule":
            let rule = try existing(try call.required("Name"), in: visible)
            try authorize(call, ruleArn(rule.name))
            describe(rule, into: &out)
            out.add("CreatedBy", accountId)
        case "ListTargetsByRule":
            let rule = try existing(try call.required("Rule"), in: visible)
            try authorize(call, ruleArn(rule.name))
            let page = try call.page(rule.targets, limitKey: "Limit", limits: 1...100, defaultLimit: 100, scope: rule.name)
            out.add("Targets", each: page.items) { item, target in
                item.add("Id", target.id)
                item.add("Arn", target.arn)
            }
            out.add("NextToken", page.next)
        case "PutRule":
            let name = try validName(try call.required("Name"), call)
            try writable(call, name)
            let pattern = try call.string("EventPattern")
            let schedule = try call.string("ScheduleExpression")
            guard pattern != nil || schedule != nil else {
                throw call.invalid("Parameter(s) EventPattern or ScheduleExpression must be specified.")
            }
            if let pattern {
                do {
                    _ = try EventPattern(json: Data(pattern.utf8))
                } catch {
                    throw ServiceError("InvalidEventPatternException", "Event pattern is not valid. Reason: \(error)")
                }
            }
            let state = try call.string("State") ?? "ENABLED"
            guard ["ENABLED", "DISABLED", "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"].contains(state) else {
                throw call.invalid("State must be ENABLED, DISABLED or ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS.")
            }
            rules.put(
                EventRules.Rule(
                    name: name, eventPattern: pattern, scheduleExpression: schedule, state: state,
                    description: try call.string("Description"), targets: []))
            out.add("RuleArn", ruleArn(name))
        case "PutTargets", "RemoveTargets":
            let name = try call.required("Rule")
            try writable(call, name)
            _ = try existing(name, in: rules.rules)
            if call.operation == "PutTargets" {
                rules.putTargets(try targets(call), on: name)
            } else {
                let ids = try call.strings("Ids") ?? []
                guard !ids.isEmpty else { throw call.invalid("Ids must name at least one target.") }
                rules.removeTargets(ids, from: name)
            }
            out.add("FailedEntryCount", 0)
            out.add("FailedEntries", objects: [])
        case "DeleteRule":
            let name = try call.required("Name")
            try writable(call, name)
            if let rule = rules.rule(named: name), !rule.targets.isEmpty {
                throw call.invalid("Rule can't be deleted since it has targets.")
            }
            rules.delete(name)
            return Data()
        default:
            throw ServiceError("UnknownOperationException", "vaultwatch's emulator does not offer EventBridge \(call.operation).")
        }
        return out.data
    }

    /// `PutTargets`' targets: 1 to 10, each with an Id and an Arn.
    private func targets(_ call: JSONCall) throws(ServiceError) -> [EventRules.Target] {
        let given = try call.objects("Targets") ?? []
        guard (1...10).contains(given.count) else { throw call.invalid("Targets must hold 1 to 10 targets.") }
        var targets: [EventRules.Target] = []
        for item in given {
            guard let id = item["Id"] as? String, (1...64).contains(id.count), let arn = item["Arn"] as? String, !arn.isEmpty
            else { throw call.invalid("Each target needs an Id (1 to 64 characters) and an Arn.") }
            targets.append(EventRules.Target(id: id, arn: arn))
        }
        return targets
    }

    private func describe(_ rule: EventRules.Rule, into out: inout JSONWriter) {
        out.add("Name", rule.name)
        out.add("Arn", ruleArn(rule.name))
        out.add("EventPattern", rule.eventPattern)
        out.add("ScheduleExpression", rule.scheduleExpression)
        out.add("State", rule.state)
        out.add("Description", rule.description)
        out.add("EventBusName", "default")
    }

    /// Only the default bus exists (by name or ARN).
    private func requireDefaultBus(_ call: JSONCall) throws(ServiceError) {
        guard let bus = try call.string("EventBusName"), bus != "default" else { return }
        let own = call.principal.accountId
        if bus == "arn:aws:events:\(region):\(own):event-bus/default" { return }
        throw ServiceError("ResourceNotFoundException", "Event bus \(bus) does not exist.")
    }

    private func existing(_ name: String, in rules: [EventRules.Rule]) throws(ServiceError) -> EventRules.Rule {
        guard let rule = rules.first(where: { $0.name == name }) else {
            throw ServiceError("ResourceNotFoundException", "Rule \(name) does not exist on EventBus default.")
        }
        return rule
    }

    private func validName(_ name: String, _ call: JSONCall) throws(ServiceError) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_")
        guard name.count <= 64, name.allSatisfy(allowed.contains) else {
            throw call.invalid(
                "1 validation error detected: Value '\(name)' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+")
        }
        return name
    }

    /// A write to this account's bus, by one of its principals the SCPs let through.
    private func writable(_ call: JSONCall, _ name: String) throws(ServiceError) {
        guard call.principal.accountId == accountId else {
            throw ServiceError(
                "AccessDeniedException",
                "\(PolicyEnforcement.prefix(call.principal, "events:\(call.operation)", ruleArn(name))) because "
                    + "vaultwatch's emulator serves the event bus of account \(accountId) only")
        }
        try authorize(call, ruleArn(name))
    }

    private func authorize(_ call: JSONCall, _ resource: String) throws(ServiceError) {
        if let refusal = enforcement.refusal("events:\(call.operation)", by: call.principal, on: resource) {
            throw ServiceError("AccessDeniedException", refusal)
        }
    }
}
