import Foundation

/// `org.scp.backup_guardrail`, for the account: the SCPs alone deny every sensitive action on
/// every vault to principals that are not admins (Control Tower's CT.BACKUP.PV.3, with the
/// recovery-point actions). SCPs never bind the organization's management account.
enum ScpCheck {
    static let id = "org.scp.backup_guardrail"
    static let title = "SCPs deny the sensitive actions to all but the admins"

    static func result(_ inputs: GuardrailInputs, policies: PolicyInputs, vaults: [Vault]) -> PostureResult {
        guard !inputs.serviceControlPolicies.isEmpty || inputs.serviceControlPolicyLevels != nil else {
            if let refused = inputs.organizationUnavailable {
                return PostureResult(
                    id, title, subject: .account, verdict: .unknown,
                    reason: "The organization's SCPs could not be read (\(refused)); give them with --scp FILE, or read "
                        + "as the management account or a delegated administrator.")
            }
            return PostureResult(
                id, title, subject: .account, verdict: .unknown,
                reason: "No SCP is known for this account: give the organization's SCPs with --scp FILE.")
        }
        if let problem = policies.scpProblem {
            return PostureResult(id, title, subject: .account, verdict: .unknown, reason: problem, evidence: policies.scpErrors)
        }
        var survey = PolicySurvey()
        var everyone: [RepresentativePrincipal] = []
        let admins = Set(inputs.settings.adminArns)
        let exempted = PolicyChecks.unique(policies.scps.flatMap(\.exemptedArns).filter { !admins.contains($0) })
        for vault in vaults {
            let context = VaultContext(vault: vault, settings: inputs.settings, exempted: exempted)
            everyone = context.representatives
            survey.ask(inputs.settings.sensitiveActions, of: everyone, label: { "\(vault.name): \($0)" }) { action, who in
                PolicySurvey.answer(
                    Guardrails.decideBySCPs(context.request(action, by: who.principal), scps: policies.levels))
            }
        }
        let (open, unknown) = (survey.open, survey.unknown)
        let note = "SCPs do not bind the organization's management account."
        if !open.isEmpty {
            return PostureResult(
                id, title, subject: .account, verdict: .fail,
                reason: "The SCPs leave \(PolicyChecks.unique(open.map(\.action)).count) vault/action pair(s) open to "
                    + "principals that are not admins.",
                evidence: PolicyChecks.grouped(open + unknown, everyone: everyone) + [note])
        }
        if !unknown.isEmpty {
            return PostureResult(
                id, title, subject: .account, verdict: .unknown, reason: "Part of the SCPs cannot be evaluated.",
                evidence: PolicyChecks.grouped(unknown, everyone: everyone))
        }
        let names = policies.scps.map(\.name).joined(separator: ", ")
        return PostureResult(
            id, title, subject: .account, verdict: .pass,
            reason: "\(names) deny all \(inputs.settings.sensitiveActions.count) sensitive actions on "
                + "\(vaults.count) vault(s) to principals that are not admins.",
            evidence: [note])
    }
}
