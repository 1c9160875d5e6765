import Foundation

/// A posture check's answer. Only `fail` makes `vaultwatch guardrails check` exit non-zero;
/// `warn` is a pass with something to watch (a lock still in its grace period).
public enum PostureVerdict: String, Codable, Sendable, Comparable, CaseIterable {
    case pass = "PASS", warn = "WARN", unknown = "UNKNOWN", fail = "FAIL"

    /// Worst last: a vault is as healthy as its worst check.
    private var severity: Int {
        switch self {
        case .pass: return 0
        case .warn: return 1
        case .unknown: return 2
        case .fail: return 3
        }
    }

    public static func < (a: PostureVerdict, b: PostureVerdict) -> Bool { a.severity < b.severity }
}

/// What a check is about: one vault, or the account as a whole.
public enum PostureSubject: Hashable, Sendable, Comparable {
    case account
    case vault(VaultKey)

    public var vault: VaultKey? {
        if case .vault(let key) = self { return key }
        return nil
    }

    public var vaultName: String? { vault?.name }
}

/// One check of one subject, with the reason an operator reads and the evidence behind it: the
/// statements that decided, the actions left uncovered, the resources without a recent backup.
public struct PostureResult: Equatable, Sendable {
    /// `vault.lock.enabled`, `vault.policy.denies_deletion`, …
    public var checkId: String
    public var title: String
    public var subject: PostureSubject
    public var verdict: PostureVerdict
    /// One sentence.
    public var reason: String
    public var evidence: [String]
    /// When this verdict changes by itself if nothing else does: a grace period ending, a
    /// recovery point growing too old. Screens count down to it; the report is judged again then.
    public var deadline: Date?

    public init(
        _ checkId: String, _ title: String, subject: PostureSubject, verdict: PostureVerdict, reason: String,
        evidence: [String] = [], deadline: Date? = nil
    ) {
        self.checkId = checkId
        self.title = title
        self.subject = subject
        self.verdict = verdict
        self.reason = reason
        self.evidence = evidence
        self.deadline = deadline
    }
}
