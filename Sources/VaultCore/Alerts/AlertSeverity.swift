/// How much an alert matters to the person triaging it: ranked by what was attempted, by whom,
/// and whether it worked (see `AlertTriage` for the scoring, and the README's Alerts section).
public enum AlertSeverity: Int, Comparable, CaseIterable, Codable, Sendable {
    case low, medium, high, critical

    public static func < (a: AlertSeverity, b: AlertSeverity) -> Bool { a.rawValue < b.rawValue }

    /// `low`, `medium`, `high`, `critical`: what `--json` and the detail say.
    public var word: String {
        switch self {
        case .low: return "low"
        case .medium: return "medium"
        case .high: return "high"
        case .critical: return "critical"
        }
    }

    /// Four columns wide, for tables: `LOW`, `MED`, `HIGH`, `CRIT`.
    public var label: String {
        switch self {
        case .low: return "LOW"
        case .medium: return "MED"
        case .high: return "HIGH"
        case .critical: return "CRIT"
        }
    }

    /// The level a score reaches: 6 and more critical, 4–5 high, 2–3 medium, less low.
    public init(score: Int) {
        switch score {
        case 6...: self = .critical
        case 4...5: self = .high
        case 2...3: self = .medium
        default: self = .low
        }
    }
}
