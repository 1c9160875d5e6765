import ArgumentParser
import Foundation
import VaultCore

/// `vaultwatch guardrails explain`: could this principal perform this action on this vault, and
/// which statements decide it.
struct GuardrailsExplain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain whether a principal could perform an action on a vault, and which statements decide it.",
        discussion: """
            Evaluates the vault's access policy (from the store) and the SCPs (from the store and --scp files) as IAM
            does, Conditions included. Prints the decision, then each policy's own answer. Exits 0 when the call is
            denied, 1 when nothing denies it, 2 when the answer is unknown (a condition vaultwatch cannot evaluate).
            """)

    @OptionGroup var context: GuardrailContext
    @Option(help: ArgumentHelp("The vault.", valueName: "name")) var vault: String
    @Option(help: ArgumentHelp("The principal: a role, user or root ARN (not a session).", valueName: "arn"))
    var principal: String
    @Option(help: ArgumentHelp("The action, e.g. backup:DeleteRecoveryPoint.", valueName: "action")) var action: String
    @Option(help: ArgumentHelp("aws:PrincipalOrgID of the principal (default: the settings' organization).", valueName: "id"))
    var orgId: String?

    func run() throws {
        try GuardrailContext.exitingOnMisuse { try explain() }
    }

    private func explain() throws {
        let (state, inputs, now) = try context.load()
        let target = try VaultArgument.resolve(vault, in: state)
        let qualified = action.contains(":") ? action : "backup:\(action)"
        guard qualified.lowercased().hasPrefix("backup:"), !qualified.contains("*"), !qualified.contains("?"),
            qualified.count > 7
        else {
            throw CLIError("--action must be one AWS Backup action, e.g. backup:DeleteRecoveryPoint (got \"\(action)\")")
        }
        let judged = try Self.judgedPrincipal(principal)
        let resource = SensitiveAction.resource(for: qualified, on: target)
        let request = AccessRequest(
            principalArn: judged, action: qualified, resource: resource,
            orgID: orgId ?? inputs.settings.organizationId)

        let vaultPolicy = try document(state.accessPolicies[target.key], kind: .resourcePolicy)
        let scps = try inputs.serviceControlPolicies.compactMap { try document($0, kind: .serviceControlPolicy) }
        let decision = Guardrails.decide(request, vaultPolicy: vaultPolicy, scps: scps)

        // Policies decide who may call; Vault Lock decides whether a lock change can happen at all.
        let bare = qualified.dropFirst("backup:".count).lowercased()
        let lockRefuses =
            ["deletebackupvaultlockconfiguration", "putbackupvaultlockconfiguration"].contains(bare)
            && !target.lockState(at: now).isChangeable
        var lines = [
            "\(qualified) by \(judged)" + (judged == principal ? "" : " (the role behind \(principal))"),
            "  on \(resource)", "",
        ]
        if lockRefuses, case .notDenied = decision.outcome {
            lines += [
                "REFUSED BY VAULT LOCK", "  \(target.lockState(at: now).meaning)",
                "  The policies alone would not stop it: \(decision.reason)",
            ]
        } else {
            lines += [verdict(decision.outcome), "  \(decision.reason)"]
        }
        // The deciding statements are marked in the list below, once each.
        lines.append("")
        lines.append("Each statement:")
        if let vaultPolicy {
            lines += trace(vaultPolicy, request, as: .resourcePolicy, deciding: decision.deciding)
        } else {
            lines.append("  the vault has no access policy")
        }
        if scps.isEmpty { lines.append("  no SCP is known (give them with --scp FILE)") }
        for scp in scps { lines += trace(scp, request, as: .serviceControlPolicy, deciding: decision.deciding) }
        // Policies decide who may call; Vault Lock decides what the call may still do.
        lines.append("  Vault Lock: \(target.lockState(at: now).meaning)")
        print(lines.map(TextTable.sanitize).joined(separator: "\n"))

        if lockRefuses, case .notDenied = decision.outcome { return }
        switch decision.outcome {
        case .denied: return
        case .notDenied: throw ExitCode.failure
        case .unknown: throw ExitCode(2)
        }
    }

    private func document(_ policy: GuardrailPolicy?, kind: PolicyKind) throws -> PolicyDocument? {
        guard let policy, let text = policy.document else { return nil }
        let name = kind == .resourcePolicy ? "access policy of \(policy.name)" : policy.name
        do {
            let document = try PolicyDocument.parse(text, name: name)
            try document.validate(as: kind)
            return document
        } catch {
            // Not "not denied": the answer is unknown.
            Self.warn("\(name) cannot be read: \(error)")
            throw ExitCode(2)
        }
    }

    /// What IAM judges: `aws:PrincipalArn` is the role behind a session, never the session.
    static func judgedPrincipal(_ text: String) throws -> String {
        guard let arn = ARN(text), ["iam", "sts"].contains(arn.service), !arn.account.isEmpty else {
            throw CLIError("--principal must be an IAM role, user or root ARN (got \"\(text)\")")
        }
        if arn.service == "sts" {
            let parts = arn.resource.split(separator: "/")
            guard parts.first == "assumed-role", parts.count >= 2 else {
                throw CLIError("--principal: \"\(text)\" is not a role session; give the role's ARN")
            }
            return "arn:\(arn.partition):iam::\(arn.account):role/\(parts[1])"
        }
        return text
    }

    static func warn(_ message: String) {
        FileHandle.standardError.write(Data("vaultwatch: \(TextTable.sanitize(message))\n".utf8))
    }

    /// Every statement of a policy and why it does or does not apply to the request.
    /// Every statement of a policy and why it does or does not apply to the request; `▶` marks
    /// the statements that decide the answer.
    private func trace(
        _ policy: PolicyDocument, _ request: AccessRequest, as kind: PolicyKind, deciding: [StatementMatch]
    ) -> [String] {
        policy.explain(request, as: kind).map { trace in
            let word =
                switch trace.verdict {
                case .applies: "applies"
                case .doesNotApply: "does not apply"
                case .undecided: "undecided"
                }
            let mark = deciding.contains(trace.statement) ? "▶" : " "
            let column = word.padding(toLength: 14, withPad: " ", startingAt: 0)
            return "\(mark) \(column)  \(trace.statement.citedPolicy), \(trace.statement.statementLabel): \(trace.statement.reason)"
        }
    }

    private func verdict(_ outcome: GuardrailOutcome) -> String {
        switch outcome {
        case .denied: return "DENIED"
        case .notDenied(let allowed): return allowed ? "ALLOWED" : "NOT DENIED"
        case .unknown: return "UNKNOWN"
        }
    }
}
