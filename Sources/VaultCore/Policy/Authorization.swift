/// The policies that decide a call to AWS Backup.
public struct AuthorizationPolicies: Sendable {
    /// The vault access policy of the vault the call reaches, if it has one.
    public var vaultPolicy: PolicyDocument?
    /// The caller's identity-based policies; `nil` when they are not known, in which case they are assumed
    /// to allow the call (the question becomes: does anything else stop it?).
    public var identityPolicies: [PolicyDocument]?
    public var serviceControlPolicies: ServiceControlPolicies

    public init(
        vaultPolicy: PolicyDocument? = nil, identityPolicies: [PolicyDocument]? = nil,
        serviceControlPolicies: ServiceControlPolicies = .none
    ) {
        self.vaultPolicy = vaultPolicy
        self.identityPolicies = identityPolicies
        self.serviceControlPolicies = serviceControlPolicies
    }
}

/// IAM's policy evaluation logic for a call to AWS Backup (IAM User Guide, *Policy evaluation logic* and
/// *Cross-account policy evaluation logic*; AWS Organizations User Guide, *SCP evaluation*; AWS Backup
/// Developer Guide, *Vault access policies*):
/// 1. a Deny that applies, in any SCP level, the vault access policy or an identity-based policy, denies;
/// 2. every SCP level must allow (unless the caller is a service-linked role or of the management account);
/// 3. AWS Backup refuses a call from another account other than `CopyIntoBackupVault`, whatever the vault
///    access policy says;
/// 4. within the vault's account, an Allow of the identity-based policies *or* of the vault access policy
///    suffices (the account's root user needs none); from another account, both must allow.
/// A statement that cannot be decided makes the answer unknown only when it could change it.
public enum Authorization {
    public static func decide(_ request: AccessRequest, _ policies: AuthorizationPolicies) -> AuthorizationDecision {
        Evaluation(request, policies).decision(identityKnown: policies.identityPolicies != nil)
    }
}

/// One request weighed against every policy, each document checked once.
struct Evaluation {
    let request: AccessRequest
    let vault: PolicyTally?
    let identity: [PolicyTally]?
    /// The SCPs per level; empty when there are none or they do not bind the caller.
    let scpLevels: [[PolicyTally]]
    let scpExemption: String?
    let hasSCPs: Bool
    /// The caller's and the resource's accounts when they differ.
    let crossAccount: (caller: String, owner: String)?
    let callerIsRoot: Bool
    /// Every document, in the order answers list them: the vault access policy, the identity-based
    /// policies, then the SCPs from the root down.
    let tallies: [PolicyTally]

    init(_ request: AccessRequest, _ policies: AuthorizationPolicies) {
        self.request = request
        vault = policies.vaultPolicy.map { PolicyTally($0, request, as: .resourcePolicy) }
        identity = policies.identityPolicies?.map { PolicyTally($0, request, as: .identityPolicy) }
        let scps = policies.serviceControlPolicies
        hasSCPs = !scps.isEmpty
        scpExemption = scps.isEmpty ? nil : scps.exemption(for: request)
        scpLevels =
            scpExemption != nil
            ? []
            : scps.levels.enumerated().map { level, documents in
                documents.map { PolicyTally($0, request, as: .serviceControlPolicy, level: level) }
            }
        let callerAccount = request.callerAccount
        let owner = ARN(request.resource).map(\.account).flatMap { $0.isEmpty ? nil : $0 }
        if let callerAccount, let owner, callerAccount != owner {
            crossAccount = (callerAccount, owner)
        } else {
            crossAccount = nil
        }
        let caller = ARN(request.callerArn)
        callerIsRoot = caller?.service == "iam" && caller?.resource == "root"
        tallies = (vault.map { [$0] } ?? []) + (identity ?? []) + scpLevels.flatMap { $0 }
    }

    var denies: [StatementMatch] { tallies.flatMap(\.denies) }
    var deny: Kleene { Kleene.any(tallies.map(\.denyAnswer)) }

    /// Whether every SCP level allows the call.
    var scpAllow: Kleene { Kleene.all(scpLevels.map { level in Kleene.any(level.map(\.allowAnswer)) }) }

    /// AWS Backup's refusal of a call from another account.
    var backupRefusesCrossAccount: Bool {
        crossAccount != nil && request.action.lowercased() != "backup:copyintobackupvault"
    }

    /// Whether the caller's identity-based policies allow it; the root user needs none.
    func identityAllow(known: Bool) -> Kleene {
        guard known, !callerIsRoot else { return .yes }
        return Kleene.any((identity ?? []).map(\.allowAnswer))
    }

    /// Whether the vault access policy allows it. An Allow naming only the account grants a caller of
    /// another account its side of the call; for a caller of the vault's own account without an identity
    /// Allow, AWS Backup documents no answer either way, so it is left open.
    var resourceAllow: Kleene {
        guard let vault else { return .no }
        if let invalid = vault.invalid { return .open([invalid]) }
        var parts: [Kleene] = [Kleene.of(!vault.allows.isEmpty)]
        if !vault.accountAllows.isEmpty {
            if crossAccount != nil {
                parts.append(.yes)
            } else {
                parts.append(
                    .open(
                        vault.accountAllows.map { allow in
                            var open = allow
                            open.reason =
                                "Allow names only the account: AWS Backup does not document whether that grants a "
                                + "caller of the same account without an identity-based Allow"
                            return open
                        }))
            }
        }
        if !vault.undecidedAllows.isEmpty { parts.append(.open(vault.undecidedAllows)) }
        return Kleene.any(parts)
    }

    /// Whether the call is allowed, Denies aside; with `scpsOnly`, whether the SCPs let it through.
    func allow(identityKnown: Bool, scpsOnly: Bool = false) -> Kleene {
        if scpsOnly { return scpAllow }
        let identity = identityAllow(known: identityKnown)
        if crossAccount != nil {
            return Kleene.all([scpAllow, .of(!backupRefusesCrossAccount), identity, resourceAllow])
        }
        return Kleene.all([scpAllow, Kleene.any([identity, resourceAllow])])
    }

    func decision(identityKnown: Bool) -> AuthorizationDecision {
        let deny = self.deny
        if deny.value == .yes {
            let denies = self.denies
            return AuthorizationDecision(verdict: .explicitDeny, matched: denies, reason: "denied by \(denies.cited)")
        }
        let allow = self.allow(identityKnown: identityKnown)
        switch (deny.value, allow.value) {
        case (.no, .yes):
            let allows = tallies.filter { $0.kind != .serviceControlPolicy }.flatMap(\.applyingAllows)
            return AuthorizationDecision(verdict: .allowed, matched: allows, reason: allowedReason(allows, identityKnown))
        case (.no, .no):
            return AuthorizationDecision(
                verdict: .implicitDeny, matched: [], reason: "implicitly denied: \(whyNot(identityKnown: identityKnown))")
        default:
            let open = Self.unique(deny.open + allow.open)
            return AuthorizationDecision(
                verdict: .unknown, matched: open, missingContextValues: AuthorizationDecision.missingKeys(of: open),
                reason: "unknown: \(open.cited)")
        }
    }

    private func allowedReason(_ allows: [StatementMatch], _ identityKnown: Bool) -> String {
        let scpNote = scpExemption.map { "; \($0)" } ?? ""
        if allows.isEmpty {
            let who = callerIsRoot ? "the root user may do anything in its account that no policy denies" : "nothing denies it"
            return "allowed: \(who)\(scpNote)"
        }
        return "allowed by \(allows.cited) and nothing denies it\(scpNote)"
    }

    /// The parts that did not allow, in the order IAM weighs them.
    func whyNot(identityKnown: Bool, scpsOnly: Bool = false) -> String {
        var reasons: [String] = []
        for (level, tallies) in scpLevels.enumerated() where Kleene.any(tallies.map(\.allowAnswer)).value == .no {
            let names = tallies.map(\.policyName).joined(separator: ", ")
            let place = scpLevels.count > 1 ? "at level \(level) (\(names))" : "(\(names))"
            reasons.append("no SCP \(place) allows \(request.action) on \(request.resource)")
        }
        if scpsOnly { return reasons.joined(separator: "; ") }
        if let crossAccount, backupRefusesCrossAccount {
            reasons.append(
                "AWS Backup refuses a call from account \(crossAccount.caller) to account \(crossAccount.owner) other "
                    + "than CopyIntoBackupVault, whatever the vault access policy says")
        }
        let identity = identityAllow(known: identityKnown).value == .no
        let resource = resourceAllow.value == .no
        let vaultPart = vault == nil ? "the vault has no access policy" : "the vault access policy does not allow it"
        if let crossAccount {
            if identity { reasons.append("no identity-based policy of the caller allows it") }
            if resource, !backupRefusesCrossAccount {
                reasons.append(
                    "account \(crossAccount.caller) is not the vault's account \(crossAccount.owner), and a call from "
                        + "another account needs an Allow in the vault access policy, which has none for it")
            }
        } else if identity, resource {
            reasons.append("no identity-based policy allows it and \(vaultPart)")
        }
        return reasons.joined(separator: "; ")
    }

    /// Each statement once, in order.
    static func unique(_ statements: [StatementMatch]) -> [StatementMatch] {
        var seen: [StatementMatch] = []
        for statement in statements where !seen.contains(statement) { seen.append(statement) }
        return seen
    }
}
