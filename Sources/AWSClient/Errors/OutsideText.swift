/// Text that came from outside (an AWS error message, a file path, a profile name, a process's
/// stderr) made inert before it is put into an error line: control characters (ESC among them, so
/// no escape sequence survives), C1 controls, bidi overrides and zero-width characters are replaced,
/// line breaks become spaces, and the result is cut to a bounded length.
///
/// The same rules as `VaultTUI`'s `InertText`; AWSClient depends on no vaultwatch target, so it keeps
/// its own copy of the rule for the error lines it writes.
public enum OutsideText {
    public static let replacement: Character = "\u{FFFD}"

    /// `text` made inert and cut to `limit` characters (an ellipsis marks the cut).
    public static func inert(_ text: String, limit: Int = 300) -> String {
        var out = String.UnicodeScalarView()
        var count = 0
        for scalar in text.unicodeScalars {
            if count >= limit {
                out.append("…")
                break
            }
            switch classify(scalar) {
            case .keep: out.append(scalar)
            case .space: out.append(" ")
            case .replace: out.append(contentsOf: String(replacement).unicodeScalars)
            }
            count += 1
        }
        return String(out)
    }

    enum Treatment { case keep, space, replace }

    static func classify(_ s: Unicode.Scalar) -> Treatment {
        let v = s.value
        switch v {
        case 0x09, 0x0A, 0x0D, 0x2028, 0x2029: return .space
        case 0x00..<0x20, 0x7F..<0xA0: return .replace
        case 0x061C, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2069, 0xFEFF, 0xFFF9...0xFFFB: return .replace
        default:
            let category = s.properties.generalCategory
            if category == .format || category == .privateUse || category == .surrogate { return .replace }
            return .keep
        }
    }
}
