/// What a piece of the screen means. Views paint roles, never colours: a theme maps each role to
/// a style, so light, dark and monochrome terminals all read well, and every state also carries
/// a word, never colour alone.
public enum Role: String, CaseIterable, Codable, Sendable {
    case normal, muted, emphasis
    case header, headerAccent, headerWarning
    case tabActive, tabInactive
    case columnHeader, selection, border
    case ok, warning, danger, countdown
    case lockNone, lockGovernance, lockGrace, lockCompliance
    case alertNew, alertAcknowledged, critical
    case footerKey, footerText, status
    case dialog, dialogTitle, input
}
