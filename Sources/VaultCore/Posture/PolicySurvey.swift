/// Every action asked of every representative principal, sorted by answer: what a policy check
/// reports from. `label` names a finding's action (a vault's name may go in front of it).
struct PolicySurvey {
    enum Answer {
        case denied([StatementMatch])
        case open(String)
        case unknown(String)
    }

    var open: [PolicyChecks.Finding] = []
    var unknown: [PolicyChecks.Finding] = []
    /// The statements that denied, cited once each.
    var deciding: [String] = []

    init() {}

    mutating func ask(
        _ actions: [String], of principals: [RepresentativePrincipal], label: (String) -> String = { $0 },
        _ answer: (String, RepresentativePrincipal) -> Answer
    ) {
        for action in actions {
            for who in principals {
                switch answer(action, who) {
                case .denied(let matches): deciding += matches.map(PolicyChecks.cite)
                case .open(let reason): open.append((label(action), who.description, reason))
                case .unknown(let reason): unknown.append((label(action), who.description, reason))
                }
            }
        }
        deciding = PolicyChecks.unique(deciding)
    }

    /// The answer of a guardrail decision.
    static func answer(_ decision: GuardrailDecision) -> Answer {
        switch decision.outcome {
        case .denied: return .denied(decision.deciding)
        case .notDenied: return .open(decision.reason)
        case .unknown: return .unknown(decision.reason)
        }
    }
}
