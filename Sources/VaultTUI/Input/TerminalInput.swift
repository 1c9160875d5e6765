/// What the terminal hands the dashboard: a key, a change of size, or text it says was pasted.
/// The terminal target decodes its library's codes into these; everything after is pure.
public enum TerminalInput: Equatable, Sendable {
    case key(Key)
    case resize
    /// Text the terminal says was pasted (see `PasteDecoder`).
    case paste(String)
}
