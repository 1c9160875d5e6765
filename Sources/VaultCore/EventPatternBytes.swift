/// EventBridge compares strings by their UTF-8 bytes: it never normalises, so a precomposed `é` and an `e`
/// followed by a combining acute are different values (Swift's `String ==` treats them as equal: canonical
/// equivalence). Every string comparison of the matcher goes through here.
enum EventPatternBytes {
    static func equal(_ a: some StringProtocol, _ b: some StringProtocol) -> Bool {
        a.utf8.count == b.utf8.count && a.utf8.elementsEqual(b.utf8)
    }

    static func hasPrefix(_ text: some StringProtocol, _ prefix: some StringProtocol) -> Bool {
        text.utf8.count >= prefix.utf8.count && text.utf8.starts(with: prefix.utf8)
    }

    static func hasSuffix(_ text: some StringProtocol, _ suffix: some StringProtocol) -> Bool {
        let count = suffix.utf8.count
        return text.utf8.count >= count && text.utf8.suffix(count).elementsEqual(suffix.utf8)
    }

    /// Lowercased as `equals-ignore-case` folds case: per character, without normalising.
    static func folded(_ text: some StringProtocol) -> String { text.lowercased() }
}
