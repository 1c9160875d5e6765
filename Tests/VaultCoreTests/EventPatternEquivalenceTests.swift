import Foundation
import Testing
import VaultCore

/// Properties the compiled matcher keeps whatever its fast paths: a scalar and a one-element array are the same
/// event value, and lists of exact values answer alike whether they are scanned or looked up in a set.
@Suite struct EventPatternEquivalenceTests {
    static let rows: [EventPatternCase] =
        EventPatternExactTests.cases + EventPatternAnythingButTests.cases + EventPatternNumericTests.numericCases
        + EventPatternNumericTests.existsCases + EventPatternNumericTests.cidrCases
        + EventPatternStringOperatorTests.cases + EventPatternSeedRuleTests.cases

    /// Every value that is not an array put in an array of one, `depth` times over; arrays keep their shape.
    static func wrapped(_ value: JSONValue, depth: Int) -> JSONValue {
        var result: JSONValue
        switch value {
        case .array(let items): return .array(items.map { wrapped($0, depth: depth) })
        case .object(let fields): result = .object(fields.mapValues { wrapped($0, depth: depth) })
        default: result = value
        }
        for _ in 0..<depth { result = .array([result]) }
        return result
    }

    @Test(arguments: rows) func scalarAndOneElementArrayMatchAlike(_ row: EventPatternCase) throws {
        let pattern = try EventPattern(json: Data(row.pattern.utf8))
        guard case .object(let event) = try JSONValue(data: Data(row.event.utf8)) else {
            Issue.record("the event of \(row.testDescription) is not an object")
            return
        }
        for depth in 1...2 {
            let arrays = JSONValue.object(event.mapValues { Self.wrapped($0, depth: depth) })
            #expect(pattern.matches(arrays) == row.matches, "\(row.testDescription), values in arrays \(depth) deep")
        }
    }

    /// Short lists are scanned and long ones hashed: both keep numbers apart from strings and compare strings by
    /// their bytes, as EventBridge does (a precomposed é is not an e with a combining accent).
    @Test(arguments: [
        #"["d", "100", "caf\u00e9", 7, true, null]"#, #"["a", "b", "c", "d", "100", "caf\u00e9", 7, true, null]"#,
    ])
    func exactListsKeepNumbersAndStringsApart(_ list: String) throws {
        let exact = try EventPattern(json: Data(#"{"v": \#(list)}"#.utf8))
        let rows: [(JSONValue, Bool)] = [
            (.string("d"), true), (.string("100"), true), (.number(100), false), (.number(7), true),
            (.string("7"), false), (.string("cafe\u{301}"), false), (.string("caf\u{e9}"), true), (.string("Caf\u{e9}"), false), (.bool(true), true),
            (.bool(false), false), (.null, true), (.string("e"), false), (.array([.number(1), .string("d")]), true),
        ]
        for (value, matches) in rows {
            #expect(exact.matches(.object(["v": value])) == matches, "\(value) against \(list)")
        }
        let strings = list.contains(#""a""#) ? #"["a", "b", "c", "d", "caf\u00e9"]"# : #"["d", "caf\u00e9"]"#
        let anythingBut = try EventPattern(json: Data(#"{"v": [{"anything-but": \#(strings)}]}"#.utf8))
        let values: [(JSONValue, Bool)] = [
            (.string("d"), false), (.string("caf\u{e9}"), false), (.string("cafe\u{301}"), true), (.string("e"), true),
        ]
        for (value, matches) in values {
            #expect(anythingBut.matches(.object(["v": value])) == matches, "\(value) against anything-but \(strings)")
        }
    }
}
