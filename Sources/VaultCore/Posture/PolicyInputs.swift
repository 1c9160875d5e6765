import Foundation

/// The policies the checks weigh, read once per report: the SCPs, and each vault's access
/// policy on first use. A document that cannot be read is kept as its error, so the checks it
/// would decide say UNKNOWN instead of guessing.
struct PolicyInputs {
    /// Every SCP document, whatever its level.
    var scps: [PolicyDocument] = []
    /// The SCPs as IAM weighs them: the levels when the inputs give them, else the flat list as one level.
    var levels: ServiceControlPolicies = .none
    var scpErrors: [String] = []
    var settings: GuardrailSettings

    init(_ inputs: GuardrailInputs) {
        settings = inputs.settings
        var levels: [[PolicyDocument]] = []
        for level in inputs.serviceControlPolicyLevels ?? [inputs.serviceControlPolicies] {
            var documents: [PolicyDocument] = []
            for policy in level {
                do {
                    if let document = try policy.document(as: .serviceControlPolicy) { documents.append(document) }
                } catch {
                    scpErrors.append("\(policy.name): \(error)")
                }
            }
            scps += documents
            levels.append(documents)
        }
        self.levels =
            inputs.serviceControlPolicyLevels == nil
            ? ServiceControlPolicies(flat: scps)
            : ServiceControlPolicies(levels: levels, managementAccount: inputs.managementAccount)
    }

    /// Why the SCPs cannot be weighed, or nil when they can.
    var scpProblem: String? {
        if !scpErrors.isEmpty { return "An SCP cannot be read, so it is not guessed at." }
        if settings.organizationId == nil, scps.contains(where: { $0.tests("aws:PrincipalOrgID") }) {
            return PolicyInputs.organizationUnknown
        }
        return nil
    }

    static let organizationUnknown =
        "A policy tests aws:PrincipalOrgID, but the organization is not configured: set organizationId "
        + "in guardrails.json."
}

/// One vault and the questions asked about it.
struct VaultContext {
    let vault: Vault
    let settings: GuardrailSettings
    /// Who is asked: the representatives of the account, and the exact ARNs the policies exempt
    /// that are not admins. Made once; every check of the vault asks them.
    let representatives: [RepresentativePrincipal]

    init(vault: Vault, settings: GuardrailSettings, exempted: [String] = []) {
        self.vault = vault
        self.settings = settings
        representatives =
            RepresentativePrincipal.all(account: vault.accountId, admins: settings.adminArns)
            + exempted.compactMap(RepresentativePrincipal.exempted)
    }

    /// `principal` calling `action` on the vault (or on its recovery points): a role through a session,
    /// as it would.
    func request(_ action: String, by principal: Principal) -> AccessRequest {
        AccessRequest(
            principalArn: principal.judgedArn, callerArn: principal.arn, action: "backup:\(action)",
            resource: SensitiveAction.resource(for: action, on: vault), orgID: settings.organizationId)
    }

    /// An admin given by ARN (a role, a user or root) calling `action`: a role through a session.
    func request(_ action: String, byAdmin arn: String) -> AccessRequest {
        request(action, by: Principal.calling(as: arn))
    }
}

extension GuardrailPolicy {
    /// The document parsed and checked for its kind; nil when there is none (removed).
    public func document(as kind: PolicyKind) throws(PolicyError) -> PolicyDocument? {
        guard let text = document else { return nil }
        let name = kind == .resourcePolicy ? "access policy of \(self.name)" : self.name
        let parsed = try PolicyDocument.parse(text, name: name)
        try parsed.validate(as: kind)
        return parsed
    }
}

extension PolicyDocument {
    /// Whether a condition of the document tests `key` (case-insensitive, as IAM's keys are).
    func tests(_ key: String) -> Bool {
        let folded = key.lowercased()
        return statements.contains { $0.conditions.contains { $0.key.lowercased() == folded } }
    }

    /// The organization ids Allow statements test `aws:PrincipalOrgID` against (no wildcard).
    var allowedOrganizations: [String] {
        let ids = statements.filter { $0.effect == .allow }.flatMap { statement in
            statement.conditions.filter { $0.key.lowercased() == "aws:principalorgid" }.flatMap(\.values)
        }
        var seen = Set<String>()
        return ids.filter { !$0.contains("*") && !$0.contains("?") && seen.insert($0).inserted }
    }

    /// The exact IAM ARNs (no wildcard) the Deny statements spare.
    var exemptedArns: [String] {
        statements.filter { $0.effect == .deny }.flatMap { statement -> [String] in
            var found = statement.conditions.filter {
                $0.key.lowercased() == "aws:principalarn" && $0.operatorName.contains("Not")
            }.flatMap(\.values)
            if case .allBut(let principals)? = statement.principal { found += principals.entries.map(\.value) }
            return found.filter { $0.hasPrefix("arn:") && !$0.contains("*") && !$0.contains("?") }
        }
    }

    /// Who the Deny statements spare: the negated tests on `aws:PrincipalArn` and any
    /// NotPrincipal, as written, so an operator can compare them with the admins.
    var exemptions: [String] {
        statements.filter { $0.effect == .deny }.flatMap { statement -> [String] in
            var found = statement.conditions.filter {
                $0.key.lowercased() == "aws:principalarn" && $0.operatorName.contains("Not")
            }.map { "\(statement.label) spares \($0.operatorName) aws:PrincipalArn \($0.values.joined(separator: ", "))" }
            if case .allBut(let principals)? = statement.principal {
                found.append("\(statement.label) spares NotPrincipal \(principals.entries.map(\.value).joined(separator: ", "))")
            }
            return found
        }
    }
}
