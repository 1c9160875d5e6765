import Testing

@testable import VaultCore

/// The byte-keyed table behind long lists of exact strings: a string is in it exactly when some listed
/// string has the same UTF-8 bytes, whatever the table's size, its collisions and the list's repeats.
@Suite struct EventPatternStringSetTests {
    @Test func findsEveryListedStringAndNothingElse() {
        let listed = (0..<300).map { "DeleteRecoveryPoint-\($0)" } + ["", "a", "caf\u{e9}", "\u{212A}elvin"]
        let set = EventPatternStringSet(listed + listed.prefix(20))
        for text in listed { #expect(set.contains(text), "\(text) is listed") }
        let unlisted = (300..<600).map { "DeleteRecoveryPoint-\($0)" } + [
            "cafe\u{301}",  // canonically equivalent to a listed string, other bytes
            "Kelvin",  // what the Kelvin sign normalises to
            "DeleteRecoveryPoint-", "DeleteRecoveryPoint-1 ", " a", "A",
        ]
        for text in unlisted { #expect(!set.contains(text), "\(text) is not listed") }
    }

    @Test func keepsBothSpellingsOfACanonicallyEquivalentString() {
        let set = EventPatternStringSet(["caf\u{e9}", "cafe\u{301}"])
        #expect(set.contains("caf\u{e9}") && set.contains("cafe\u{301}"))
        #expect(!set.contains("cafe"))
    }

    @Test func anEmptyListHoldsNothing() {
        let set = EventPatternStringSet([])
        #expect(set.isEmpty && !set.contains("") && !set.contains("x"))
    }
}
