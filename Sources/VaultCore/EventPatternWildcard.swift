/// A `wildcard` filter: `*` matches any run of characters (none included), `\*` is a literal star and
/// `\\` a literal backslash. Consecutive unescaped stars and any other escape are refused.
struct EventPatternWildcard: Equatable, Sendable {
    /// The literal runs between the unescaped stars; one run means no star at all.
    let parts: [[Unicode.Scalar]]

    /// Fails with the reason when the filter is malformed.
    static func parse(_ text: String) -> Result<EventPatternWildcard, EventPatternFailure> {
        var parts: [[Unicode.Scalar]] = [[]]
        var escaping = false
        var previousWasStar = false
        for scalar in text.unicodeScalars {
            if escaping {
                guard scalar == "*" || scalar == "\\" else {
                    return .failure(EventPatternFailure("invalid escape \"\\\(scalar)\" in wildcard \"\(text)\""))
                }
                parts[parts.count - 1].append(scalar)
                escaping = false
                previousWasStar = false
            } else if scalar == "\\" {
                escaping = true
            } else if scalar == "*" {
                if previousWasStar {
                    return .failure(EventPatternFailure("consecutive wildcard characters in \"\(text)\""))
                }
                parts.append([])
                previousWasStar = true
            } else {
                parts[parts.count - 1].append(scalar)
                previousWasStar = false
            }
        }
        if escaping {
            return .failure(EventPatternFailure("wildcard \"\(text)\" ends with an unfinished escape"))
        }
        return .success(EventPatternWildcard(parts: parts))
    }

    func matches(_ text: String) -> Bool {
        let subject = Array(text.unicodeScalars)
        guard let first = parts.first, let last = parts.last else { return false }
        if parts.count == 1 { return subject == first }
        guard subject.count >= first.count + last.count,
            subject.starts(with: first),
            subject.suffix(last.count).elementsEqual(last)
        else { return false }
        var position = first.count
        let end = subject.count - last.count
        for part in parts.dropFirst().dropLast() {
            guard let found = Self.find(part, in: subject, from: position, before: end) else { return false }
            position = found + part.count
        }
        return true
    }

    /// The first index at or after `from` where `needle` fits entirely before `before`.
    private static func find(
        _ needle: [Unicode.Scalar], in haystack: [Unicode.Scalar], from: Int, before: Int
    ) -> Int? {
        if needle.isEmpty { return from }
        var start = from
        while start + needle.count <= before {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return start }
            start += 1
        }
        return nil
    }
}

/// A reason without a path; the compiler adds the path.
struct EventPatternFailure: Error, Equatable {
    let message: String
    init(_ message: String) { self.message = message }
}
