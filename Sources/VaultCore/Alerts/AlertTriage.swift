/// An alert's severity with the reasons that add up to it.
public struct AlertAssessment: Equatable, Sendable {
    public var severity: AlertSeverity
    public var score: Int
    /// What counted, in order: `changes the Vault Lock +3`, `by root +2`, `succeeded +4`.
    public var reasons: [String]
    /// The admin role (ARN) the principal's name reads as while not being it.
    public var looksLike: String?

    /// `high (5): changes the Vault Lock +3 · by root +2`
    public var explanation: String { "\(severity.word) (\(score)): " + reasons.joined(separator: " · ") }
}

/// Ranks an alert by what was attempted and by whom, so root deleting a lock configuration is
/// never level with an automation role's refused StartRestoreJob. The score adds up:
///
/// - what was attempted: a change to the Vault Lock +3; deleting or exposing what the lock
///   protects (a recovery point, the vault, its access policy, a point's lifecycle) +2; anything
///   else (notifications, restores, copies) +1;
/// - who: root +2; an IAM user (long-term keys) +1; a principal whose name reads as an admin
///   role's but is not it (UTS #39 confusable, or invisible or space characters) +2; an AWS
///   service −1; a role session 0;
/// - the outcome: succeeded (a guardrail did not hold) +4; refused 0.
///
/// 6 and more is critical, 4–5 high, 2–3 medium, less low (`AlertSeverity(score:)`).
public enum AlertTriage {
    /// What was attempted, by how much it counts.
    enum Attempt {
        /// A change to the Vault Lock.
        case lock
        /// Deleting or exposing what the lock protects.
        case protection
        case other

        /// Compared name by name (a listing asks it of every alert: cheaper than hashing the name).
        init(_ action: String) {
            switch action {
            case "PutBackupVaultLockConfiguration", "DeleteBackupVaultLockConfiguration":
                self = .lock
            case "DeleteRecoveryPoint", "DeleteBackupVault", "PutBackupVaultAccessPolicy", "DeleteBackupVaultAccessPolicy",
                "UpdateRecoveryPointLifecycle", "DisassociateRecoveryPoint", "DisassociateRecoveryPointFromParent":
                self = .protection
            default:
                self = .other
            }
        }
    }

    public static func assess(_ alert: Alert, admins: [String]) -> AlertAssessment {
        assess(alert, looksLike: LookAlike.admin(imitatedBy: alert.principal, admins: admins))
    }

    /// With the look-alike question already answered (`AlertAssessor` remembers it per principal).
    public static func assess(_ alert: Alert, looksLike imitated: String?) -> AlertAssessment {
        var reasons: [String]? = []
        let score = score(alert, looksLike: imitated, reasons: &reasons)
        return AlertAssessment(severity: AlertSeverity(score: score), score: score, reasons: reasons ?? [], looksLike: imitated)
    }

    /// The level alone, for a listing that shows no reasons (their words are not made), from the
    /// fields it depends on.
    public static func severity(action: String, by kind: Principal.Kind, looksLike imitated: String?, outcome: String) -> AlertSeverity {
        var none: [String]?
        return AlertSeverity(score: score(action: action, by: kind, looksLike: imitated, outcome: outcome, reasons: &none))
    }

    private static func score(_ alert: Alert, looksLike imitated: String?, reasons: inout [String]?) -> Int {
        score(action: alert.action, by: alert.principal.kind, looksLike: imitated, outcome: alert.outcome, reasons: &reasons)
    }

    /// The score; each part's reason appended to `reasons`, and its words made, only when there
    /// is a list to append to.
    private static func score(
        action: String, by kind: Principal.Kind, looksLike imitated: String?, outcome: String, reasons: inout [String]?
    ) -> Int {
        var score = 0
        func add(_ points: Int, _ why: @autoclosure () -> String) {
            score += points
            reasons?.append("\(why()) \(points >= 0 ? "+" : "−")\(abs(points))")
        }
        switch Attempt(action) {
        case .lock: add(3, "changes the Vault Lock")
        case .protection: add(2, "deletes or exposes what the lock protects")
        case .other: add(1, "other sensitive action")
        }
        switch kind {
        case .root: add(2, "by root")
        case .iamUser: add(1, "by an IAM user (long-term keys)")
        case .awsService: add(-1, "by an AWS service")
        default: break
        }
        if let imitated { add(2, "looks like the admin role \(LookAlike.name(of: imitated)), is not") }
        if outcome == "succeeded" { add(4, "succeeded: a guardrail did not hold") }
        return score
    }
}

/// Assesses alerts one after another, remembering which principals look like an admin (the
/// skeletons are worked out once per principal, not once per alert).
public struct AlertAssessor: Sendable {
    public let admins: [String]
    private var imitations: [String: String?] = [:]

    public init(admins: [String]) { self.admins = admins }

    public mutating func assess(_ alert: Alert) -> AlertAssessment {
        AlertTriage.assess(alert, looksLike: imitated(by: alert.principal))
    }

    /// The admin role the principal reads as while not being it, worked out once per judged ARN
    /// (the sessions of one role are judged by the role).
    public mutating func imitated(by principal: Principal) -> String? {
        let judged = principal.judgedArn
        if let known = imitations[judged] { return known }
        let imitated = LookAlike.admin(imitatedBy: principal, admins: admins)
        imitations[judged] = imitated
        return imitated
    }
}
