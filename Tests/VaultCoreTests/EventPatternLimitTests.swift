import Foundation
import Testing

@testable import VaultCore

/// The last rules of EventBridge's matcher: strings compare by their bytes, an empty anything-but prefix or
/// suffix is refused, and what `put-rule` refuses for its size or its wildcards' complexity is refused.
@Suite struct EventPatternLimitTests {
    /// EventBridge User Guide, Content filtering / Comparison operators: "Exact match is used for each
    /// character"; EventBridge does not normalise, so canonically equivalent spellings differ.
    static let byteRows: [EventPatternCase] = [
        .init(#"{"v": ["caf\u00e9"]}"#, #"{"v": "cafe\u0301"}"#, false),
        .init(#"{"v": ["cafe\u0301"]}"#, #"{"v": "cafe\u0301"}"#, true),
        .init(#"{"v": ["a", "b", "c", "d", "caf\u00e9"]}"#, #"{"v": "cafe\u0301"}"#, false),
        .init(#"{"v": [{"prefix": "e"}]}"#, #"{"v": "e\u0301t\u00e9"}"#, true),
        .init(#"{"v": [{"prefix": "caf\u00e9"}]}"#, #"{"v": "cafe\u0301s"}"#, false),
        .init(#"{"v": [{"suffix": "\u0301"}]}"#, #"{"v": "cafe\u0301"}"#, true),
        .init(#"{"v": [{"suffix": "\u00e9"}]}"#, #"{"v": "cafe\u0301"}"#, false),
        .init(#"{"v": [{"equals-ignore-case": "CAF\u00c9"}]}"#, #"{"v": "cafe\u0301"}"#, false),
        .init(#"{"v": [{"equals-ignore-case": "CAF\u00c9"}]}"#, #"{"v": "caf\u00e9"}"#, true),
        .init(#"{"v": [{"anything-but": "caf\u00e9"}]}"#, #"{"v": "cafe\u0301"}"#, true),
        .init(#"{"v": [{"anything-but": {"prefix": "caf\u00e9"}}]}"#, #"{"v": "cafe\u0301"}"#, true),
        .init(#"{"v": [{"wildcard": "caf\u00e9*"}]}"#, #"{"v": "cafe\u0301"}"#, false),
        .init(#"{"caf\u00e9": ["x"]}"#, #"{"cafe\u0301": "x"}"#, false),
        .init(#"{"caf\u00e9": ["x"]}"#, #"{"caf\u00e9": "x"}"#, true),
        .init(#"{"v": ["K"]}"#, #"{"v": "\u212a"}"#, false),
    ]

    @Test(arguments: byteRows) func bytes(_ row: EventPatternCase) throws { try row.check() }

    /// event-ruler's compiler: "Null prefix/suffix not allowed" inside anything-but, alone or in a list; a
    /// plain empty prefix is a prefix of every string. Words event-ruler reserves cannot name a field inside
    /// $or. PutRule takes an EventPattern of at most 4096 characters (EventBridge API Reference, PutRule).
    static let refused: [EventPatternRejection] = [
        .init(#"{"a": [{"anything-but": {"prefix": ""}}]}"#, "a: anything-but prefix must not be empty"),
        .init(#"{"a": [{"anything-but": {"suffix": ""}}]}"#, "a: anything-but suffix must not be empty"),
        .init(#"{"a": [{"anything-but": {"prefix": ["x", ""]}}]}"#, "a: anything-but prefix must not be empty"),
        .init(#"{"a": [{"anything-but": {"suffix": ["", "y"]}}]}"#, "a: anything-but suffix must not be empty"),
        .init(#"{"$or": [{"numeric": [1]}, {"b": ["x"]}]}"#,
              #"$or[0].numeric: "numeric" is a reserved word and cannot name a field inside $or"#),
        .init(#"{"$or": [{"a": {"prefix": ["x"]}}, {"b": ["x"]}]}"#,
              #"$or[0].a.prefix: "prefix" is a reserved word and cannot name a field inside $or"#),
        .init(#"{"a": [{"wildcard": "*a*a*a*a*a*"}]}"#, EventPatternComplexity.tooComplex),
        .init(
            #"{"resources": [{"wildcard": "*:stack/A/*"}, {"wildcard": "*:stack/B/*"}, {"wildcard": "*:stack/C/*"}, {"wildcard": "*:stack/D/*"}]}"#,
            EventPatternComplexity.tooComplex),
        .init(
            #"{"$or": [{"r": [{"wildcard": "*:stack/A/*"}, {"wildcard": "*:stack/B/*"}]}, {"r": [{"wildcard": "*:stack/C/*"}, {"wildcard": "*:stack/D/*"}]}]}"#,
            EventPatternComplexity.tooComplex),
    ]

    static let accepted = [
        #"{"a": [{"prefix": ""}]}"#, #"{"a": [{"suffix": ""}]}"#, #"{"numeric": [{"prefix": "x"}]}"#,
        #"{"a": [{"wildcard": "*a*a*a*"}]}"#,
        #"{"resources": [{"wildcard": "*:stack/A/*"}, {"wildcard": "*:stack/B/*"}, {"wildcard": "*:stack/C/*"}]}"#,
        #"{"$or": [{"r": [{"wildcard": "*:stack/A/*"}]}, {"s": [{"wildcard": "*:stack/C/*"}]}]}"#,
    ]

    @Test(arguments: refused) func refusedAsPutRuleRefusesIt(_ row: EventPatternRejection) { row.check() }

    @Test(arguments: accepted) func acceptedAsPutRuleAcceptsIt(_ pattern: String) throws {
        _ = try EventPattern(json: Data(pattern.utf8))
    }

    @Test func anEmptyPrefixMatchesEveryString() throws {
        let pattern = try EventPattern(json: Data(#"{"a": [{"prefix": ""}]}"#.utf8))
        #expect(pattern.matches(.object(["a": .string("anything")])))
        #expect(!pattern.matches(.object(["a": .number(1)])))
    }

    @Test func aPatternLongerThanPutRuleTakesIsRefused() throws {
        let padding = String(repeating: " ", count: EventPattern.maximumLength)
        let long = #"{"source": ["aws.backup"]\#(padding)}"#
        #expect(throws: EventPatternError(
            path: "", message: "pattern is \(long.utf16.count) characters long; EventBridge takes at most 4096"
        )) { try EventPattern(json: Data(long.utf8)) }
        let values = (0..<400).map { "\"value-\($0)\"" }.joined(separator: ",")
        #expect(throws: EventPatternError.self) { try EventPattern(JSONValue(data: Data(#"{"a": [\#(values)]}"#.utf8))) }
        _ = try EventPattern(json: Data(#"{"source": ["aws.backup"]}"#.utf8))
    }

    struct ComplexityRow: Sendable, CustomTestStringConvertible {
        let patterns: [String]
        let complexity: Int
        var testDescription: String { "\(patterns) → \(complexity)" }
    }

    /// event-ruler's MachineComplexityEvaluatorTest: the most wildcard-pattern prefixes one input can match
    /// at once (patterns without their quotes, as those tests build them).
    static let complexityRows: [ComplexityRow] = [
        .init(patterns: ["*"], complexity: 1),
        .init(patterns: ["abc"], complexity: 1),
        .init(patterns: ["*ab"], complexity: 2),
        .init(patterns: ["*aa"], complexity: 3),
        .init(patterns: ["a*b"], complexity: 2),
        .init(patterns: ["aa*"], complexity: 2),
        .init(patterns: ["a*bc"], complexity: 2),
        .init(patterns: ["a*bb"], complexity: 3),
        .init(patterns: ["a*bcb"], complexity: 3),
        .init(patterns: ["a*bbb"], complexity: 4),
        .init(patterns: ["*ab*ad"], complexity: 4),
        .init(patterns: ["*ab*d"], complexity: 3),
        .init(patterns: ["*aba*"], complexity: 4),
        .init(patterns: ["a*b*bb"], complexity: 5),
        .init(patterns: ["a*b*cb"], complexity: 4),
        .init(patterns: ["a*b*cd"], complexity: 3),
        .init(patterns: ["a*b*b"], complexity: 4),
        .init(patterns: ["a*bb*"], complexity: 4),
        .init(patterns: ["ab*b*"], complexity: 3),
        .init(patterns: ["*ab*b*b*"], complexity: 7),
        .init(patterns: ["*a*a*a*a*a*a*a*a*"], complexity: 17),
        .init(patterns: ["*a*a*a*"], complexity: 7),
        .init(patterns: ["ab*c", "x*xx"], complexity: 3),
        .init(patterns: ["*abc", "*abcde"], complexity: 4),
        .init(patterns: ["a*bcd", "ab*cd"], complexity: 4),
        .init(patterns: ["a*bc", "a*bcde"], complexity: 4),
        .init(patterns: ["a*aaa", "aa*aa"], complexity: 7),
        .init(patterns: ["a*bc", "abc*d"], complexity: 4),
        .init(patterns: ["a*aaa", "aaa*a"], complexity: 6),
        .init(patterns: ["a*aax", "aaa*x"], complexity: 5),
        .init(patterns: ["a*bc", "abc*"], complexity: 4),
        .init(patterns: ["a*aa", "aaa*"], complexity: 5),
        .init(patterns: ["abc*", "abcde*"], complexity: 3),
        .init(patterns: ["ab*cd", "ab*wx", "ab*yz"], complexity: 6),
    ]

    @Test(arguments: complexityRows) func eventRulerComplexity(_ row: ComplexityRow) {
        let terms = row.patterns.map { EventPatternComplexity.Term(identity: $0, wildcards: [$0], absent: false) }
        #expect(EventPatternComplexity.wildcardComplexity(terms, quoted: false) == row.complexity)
    }
}
