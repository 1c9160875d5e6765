/// One line of text being typed, with a cursor: ←/→ move by a character, Home/End (or Ctrl-A/E)
/// to either end, Backspace and Delete on either side of the cursor, Ctrl-U clears. What is typed
/// or pasted goes in at the cursor, up to `limit` characters, and only what `TypedText` allows.
public struct LineEditor: Equatable, Sendable {
    public private(set) var text: String
    /// Characters before the cursor.
    public private(set) var cursor: Int
    public let limit: Int

    public init(_ text: String = "", limit: Int) {
        self.text = String(text.prefix(limit))
        self.limit = limit
        cursor = self.text.count
    }

    /// The text before and after the cursor.
    public var parts: (before: Substring, after: Substring) {
        let i = text.index(text.startIndex, offsetBy: cursor)
        return (text[..<i], text[i...])
    }

    /// Applies an editing key; false when the key does not edit a line.
    public mutating func apply(_ key: Key) -> Bool {
        switch key {
        case .left: cursor = max(cursor - 1, 0)
        case .right: cursor = min(cursor + 1, text.count)
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = text.count
        case .backspace:
            guard cursor > 0 else { return true }
            text.remove(at: text.index(text.startIndex, offsetBy: cursor - 1))
            cursor -= 1
        case .delete:
            guard cursor < text.count else { return true }
            text.remove(at: text.index(text.startIndex, offsetBy: cursor))
        case .ctrl("u"):
            text = ""
            cursor = 0
        case .char(let c): insert(String(c))
        default: return false
        }
        return true
    }

    /// Puts `typed` in at the cursor: the characters `TypedText` allows, as many as fit.
    public mutating func insert(_ typed: String) {
        let allowed = typed.filter(TypedText.isAllowed).prefix(max(limit - text.count, 0))
        guard !allowed.isEmpty else { return }
        text.insert(contentsOf: allowed, at: text.index(text.startIndex, offsetBy: cursor))
        cursor += allowed.count
    }
}
