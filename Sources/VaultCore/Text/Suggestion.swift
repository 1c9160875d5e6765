/// "Did you mean …": the closest of some known words to what an operator typed, by edit distance
/// (case ignored), when it is close enough to be a typo rather than another word.
public enum Suggestion {
    /// The known word nearest to `typed`, or nil when none is within a third of its length
    /// (at least 2 edits are always allowed; a case-only difference always counts).
    public static func closest(to typed: String, among known: some Sequence<String>) -> String? {
        let lowered = typed.lowercased()
        var best: (word: String, distance: Int)?
        for word in known {
            let d = distance(lowered, word.lowercased())
            if d < (best?.distance ?? Int.max) { best = (word, d) }
        }
        guard let best else { return nil }
        return best.distance <= max(2, typed.count / 3) ? best.word : nil
    }

    /// ` (did you mean "x"?)`, or nothing.
    public static func clause(for typed: String, among known: some Sequence<String>) -> String {
        closest(to: typed, among: known).map { " (did you mean \"\($0)\"?)" } ?? ""
    }

    /// Levenshtein distance over characters.
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
