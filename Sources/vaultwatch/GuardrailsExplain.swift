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
            does, Conditions included, with the principal's own identity-based policies unknown. Prints the decision,
            then each policy's own answer, then what Vault Lock says. Exits 0 when the call is denied (or Vault Lock
            refuses it), 1 when nothing denies it, 2 when the answer is unknown (a condition vaultwatch cannot
            evaluate).
            """)

    @OptionGroup var context: GuardrailContext
    @Option(help: ArgumentHelp("The vault.", valueName: "name")) var vault: String
    @Option(help: ArgumentHelp("The principal: a role, a role session, a user or root ARN.", valueName: "arn"))
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
        let qualified = try PolicySimulate.backupAction(action.contains(":") ? action : "backup:\(action)")
        let caller: Caller
        switch Caller.parse(principal) {
        case .success(let parsed) where parsed.kind != .federatedUser: caller = parsed
        case .success, .failure:
            throw CLIError("--principal must be an IAM role, role session, user or root ARN (got \"\(principal)\")")
        }
        let resource = SensitiveAction.resource(for: qualified, on: target)
        let request = AccessRequest(
            principalArn: caller.principalArn, callerArn: caller.arn, action: qualified, resource: resource,
            orgID: orgId ?? inputs.settings.organizationId)

        let vaultPolicy = try document(state.accessPolicies[target.key], kind: .resourcePolicy)
        let levels = try (inputs.serviceControlPolicyLevels ?? [inputs.serviceControlPolicies]).map { level in
            try level.compactMap { try document($0, kind: .serviceControlPolicy) }
        }
        let scps =
            inputs.serviceControlPolicyLevels == nil
            ? ServiceControlPolicies(flat: levels.flatMap { $0 })
            : ServiceControlPolicies(levels: levels, managementAccount: inputs.managementAccount)
        let decision = Guardrails.decide(request, vaultPolicy: vaultPolicy, scps: scps)

        let lock = target.lockState(at: now)
        let refusal = Self.vaultLockRefusal(qualified, vault: target.name, lock: lock)
        let judged = caller.principalArn
        var lines = [
            "\(qualified) by \(judged)" + (judged == principal ? "" : " (the role behind \(principal))"),
            "  on \(resource)", "",
        ]
        if let refusal, case .notDenied = decision.outcome {
            lines += ["REFUSED BY VAULT LOCK", "  \(refusal)", "  The policies alone would not stop it: \(decision.reason)"]
        } else {
            lines += [verdict(decision.outcome), "  \(decision.reason)"]
        }
        // The deciding statements are marked in the list below, once each.
        lines += ["", "Each statement:"]
        if let vaultPolicy {
            lines += StatementLines.trace(vaultPolicy, request, as: .resourcePolicy, deciding: decision.deciding)
        } else {
            lines.append("  the vault has no access policy")
        }
        if scps.isEmpty { lines.append("  no SCP is known (give them with --scp FILE)") }
        for (level, documents) in scps.levels.enumerated() {
            for scp in documents {
                lines += StatementLines.trace(
                    scp, request, as: .serviceControlPolicy, level: level, showsLevel: scps.levels.count > 1,
                    deciding: decision.deciding)
            }
        }
        // Policies decide who may call; Vault Lock decides what the call may still do.
        lines.append("  Vault Lock: \(lock.meaning)")
        if let refusal, !lines.contains("  \(refusal)") { lines.append("  Vault Lock: \(refusal)") }
        print(lines.map(TextTable.sanitize).joined(separator: "\n"))

        if refusal != nil, case .notDenied = decision.outcome { return }
        switch decision.outcome {
        case .denied: return
        case .notDenied: throw ExitCode.failure
        case .unknown: throw ExitCode(2)
        }
    }

    /// What Vault Lock refuses whoever asks, root and the admins included: changing or removing a
    /// compliance lock after its lock date; deleting a recovery point before it expires, or changing
    /// its lifecycle (which could shorten its retention), while the vault is locked.
    static func vaultLockRefusal(_ action: String, vault: String, lock: LockState) -> String? {
        switch action.dropFirst("backup:".count).lowercased() {
        case "deletebackupvaultlockconfiguration", "putbackupvaultlockconfiguration":
            return lock.isChangeable ? nil : lock.meaning
        case "deleterecoverypoint" where lock.isLocked:
            return "\(vault) is locked (\(lock.word)): Vault Lock refuses deleting a recovery point before it expires, "
                + "whoever asks, root and the vault admins included."
        case "updaterecoverypointlifecycle" where lock.isLocked:
            return "\(vault) is locked (\(lock.word)): Vault Lock refuses changing the lifecycle of its recovery points, "
                + "so an unexpired point's retention cannot be shortened, whoever asks."
        default:
            return nil
        }
    }

    private func document(_ policy: GuardrailPolicy?, kind: PolicyKind) throws -> PolicyDocument? {
        guard let policy else { return nil }
        do {
            return try policy.document(as: kind)
        } catch {
            // Not "not denied": the answer is unknown.
            Self.warn("\(kind == .resourcePolicy ? "access policy of \(policy.name)" : policy.name) cannot be read: \(error)")
            throw ExitCode(2)
        }
    }

    static func warn(_ message: String) {
        FileHandle.standardError.write(Data("vaultwatch: \(TextTable.sanitize(message))\n".utf8))
    }

    private func verdict(_ outcome: GuardrailOutcome) -> String {
        switch outcome {
        case .denied: return "DENIED"
        case .notDenied(let allowed): return allowed ? "ALLOWED" : "NOT DENIED"
        case .unknown: return "UNKNOWN"
        }
    }
}

/// Every statement of a policy and why it does or does not apply to a request; `▶` marks the
/// statements that decide the answer.
enum StatementLines {
    static func trace(
        _ policy: PolicyDocument, _ request: AccessRequest, as kind: PolicyKind, level: Int? = nil,
        showsLevel: Bool = true, deciding: [StatementMatch]
    ) -> [String] {
        policy.explain(request, as: kind, level: level).map { trace in
            let word =
                switch trace.verdict {
                case .applies: "applies"
                case .doesNotApply: "does not apply"
                case .undecided: "undecided"
                }
            let decides = deciding.contains {
                $0.policyKind == kind && $0.policyName == policy.name && $0.index == trace.statement.index
                    && $0.level == level
            }
            let column = word.padding(toLength: 14, withPad: " ", startingAt: 0)
            let place = showsLevel ? level.map { " (level \($0))" } ?? "" : ""
            return "\(decides ? "▶" : " ") \(column)  \(trace.statement.citedPolicy)\(place), \(trace.statement.statementLabel): "
                + trace.statement.reason
        }
    }
}
