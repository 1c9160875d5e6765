import Foundation

/// What the dashboard's `/` looks for among recovery points: every word must be found in one of a
/// point's texts (its vault's name, its resource's ARN, name and type, its status), ignoring case
/// and accents. `FAIL scratch`-style searches over a million points stay fast because a list's
/// points share their texts: each distinct text is judged once per word, not once per point.
public struct PointSearch: Equatable, Sendable {
    public let words: [String]

    public init(_ text: String) { words = text.split(separator: " ").map(String.init) }

    public var isEmpty: Bool { words.isEmpty }

    /// Whether `text` holds `word`, ignoring case and accents: compared byte by byte when both are
    /// ASCII (almost every ARN and name), by Foundation's search otherwise.
    public static func contains(_ text: String, _ word: String) -> Bool { Needle(word).found(in: text) }

    /// A word made ready to be looked for in many texts.
    struct Needle {
        let word: String
        /// The word's bytes in lower case, when it is ASCII.
        let ascii: [UInt8]?

        init(_ word: String) {
            self.word = word
            ascii = word.utf8.allSatisfy { $0 < 0x80 } ? word.utf8.map(Needle.lower) : nil
        }

        func found(in text: String) -> Bool {
            if word.isEmpty { return true }
            if let ascii {
                var text = text
                let answer = text.withUTF8 { t -> Bool? in
                    t.allSatisfy({ $0 < 0x80 }) ? ascii.withUnsafeBufferPointer { Needle.search(t, $0) } : nil
                }
                if let answer { return answer }
            }
            return text.range(of: word, options: [.caseInsensitive, .diacriticInsensitive]) != nil
        }

        private static func search(_ text: UnsafeBufferPointer<UInt8>, _ word: UnsafeBufferPointer<UInt8>) -> Bool {
            let n = word.count
            guard n <= text.count else { return false }
            let first = word[0]
            var i = 0
            while i + n <= text.count {
                if lower(text[i]) == first {
                    var j = 1
                    while j < n, lower(text[i + j]) == word[j] { j += 1 }
                    if j == n { return true }
                }
                i += 1
            }
            return false
        }

        @inline(__always) static func lower(_ b: UInt8) -> UInt8 { b &- 0x41 < 26 ? b | 0x20 : b }
    }
}

extension PointList {
    /// One flag per row, in row order: whether `search` finds the point.
    public func matches(_ search: PointSearch) -> [Bool] {
        var found = [Bool](repeating: true, count: rows.count)
        found.withUnsafeMutableBufferPointer { found in matches(search, into: found) }
        return found
    }

    /// Clears the flag of each row `search` does not find, in `found` (one flag per row).
    public func matches(_ search: PointSearch, into found: UnsafeMutableBufferPointer<Bool>) {
        precondition(found.count == rows.count)
        for word in search.words {
            // The vault's name is every point's: it decides for the whole list at once.
            let needle = PointSearch.Needle(word)
            if needle.found(in: vault.name) { continue }
            let byStatus = Self.statuses.map { needle.found(in: $0.rawValue) }
            // Per text id: 0 not judged yet, 1 no, 2 yes.
            var judged = [UInt8](repeating: 0, count: texts.count + 1)
            judged.withUnsafeMutableBufferPointer { judged in
                rows.withUnsafeBufferPointer { rows in
                    func holds(_ id: UInt32) -> Bool {
                        let seen = judged[Int(id)]
                        if seen != 0 { return seen == 2 }
                        let yes = id != 0 && needle.found(in: texts[id])
                        judged[Int(id)] = yes ? 2 : 1
                        return yes
                    }
                    for i in 0..<rows.count where found[i] {
                        let shape = shapes[rows[i].shape]
                        found[i] =
                            byStatus[Int(flags[i] & 7)] || holds(shape.resourceArn) || holds(shape.resourceName)
                            || holds(shape.resourceType)
                    }
                }
            }
        }
    }

    /// The row of the point with this ARN.
    public func row(of arn: String) -> Int? {
        var arn = arn
        return arn.withUTF8 { row(arn: UnsafeRawBufferPointer($0)) }
    }

    /// A row's creation date, as seconds since 2001 (what `Date` holds), for ordering rows
    /// without making their points.
    public func creationInterval(at i: Int) -> Double { rows[i].creation }

    /// When a row's point is deleted by its lifecycle, as seconds since 2001; nil when never.
    public func deletionInterval(at i: Int) -> Double? {
        let r = rows[i]
        return lifecycles[Int(shapes[r.shape].lifecycle)].deleteAfterDays.map { r.creation + Double($0) * 86_400 }
    }

    public func size(at i: Int) -> Int64 { rows[i].size }
}
