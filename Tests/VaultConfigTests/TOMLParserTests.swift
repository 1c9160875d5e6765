import Foundation
import Testing

@testable import VaultConfig

/// The TOML reader against the TOML 1.0 specification's own examples (toml.io/en/v1.0.0), and its
/// errors, each naming line and column.
@Suite struct TOMLParserTests {
    func parse(_ text: String) throws -> TOMLTable { try TOMLParser.parse(text) }

    func value(_ table: TOMLTable, _ path: String...) -> TOMLValue? {
        var current = table
        for key in path.dropLast() {
            guard case .table(let inner)? = current[key]?.value else { return nil }
            current = inner
        }
        return current[path.last!]?.value
    }

    @Test func keysAndValuesOfEveryKindTheConfigurationTakes() throws {
        let doc = try parse(
            """
            # a comment
            title = "vaultwatch"   # trailing comment
            "quoted key" = 'literal \\no escape'
            site.name = "dotted"
            site."sub key" = 1
            count = 1_000
            hex = 0xff
            octal = 0o17
            binary = 0b101
            negative = -42
            ratio = 6.5e-1
            infinite = -inf
            enabled = true
            disabled = false
            escapes = "tab\\t quote\\" unicode\\u00e9 \\U0001F512"
            multi = \"\"\"
            line one
            line two\\
                   continued\"\"\"
            raw = '''
            C:\\path\\'''
            list = [
              "a",   # first
              "b",
            ]
            nested = [[1, 2], ["x"]]
            inline = { profile = "prod", regions = ["us-east-1"] }
            """)
        #expect(value(doc, "title") == .string("vaultwatch"))
        #expect(value(doc, "quoted key") == .string("literal \\no escape"))
        #expect(value(doc, "site", "name") == .string("dotted"))
        #expect(value(doc, "site", "sub key") == .integer(1))
        #expect(value(doc, "count") == .integer(1000))
        #expect(value(doc, "hex") == .integer(255))
        #expect(value(doc, "octal") == .integer(15))
        #expect(value(doc, "binary") == .integer(5))
        #expect(value(doc, "negative") == .integer(-42))
        #expect(value(doc, "ratio") == .float(0.65))
        #expect(value(doc, "infinite") == .float(-.infinity))
        #expect(value(doc, "enabled") == .boolean(true))
        #expect(value(doc, "disabled") == .boolean(false))
        #expect(value(doc, "escapes") == .string("tab\t quote\" unicodeé 🔒"))
        #expect(value(doc, "multi") == .string("line one\nline twocontinued"))
        #expect(value(doc, "raw") == .string("C:\\path\\"))
        #expect(value(doc, "list") == .array([.string("a"), .string("b")]))
        #expect(value(doc, "nested") == .array([.array([.integer(1), .integer(2)]), .array([.string("x")])]))
        #expect(value(doc, "inline", "profile") == .string("prod"))
        #expect(doc["multi"]?.line == 16)
        #expect(doc["list"]?.line == 22)
    }

    @Test func tablesAndArraysOfTables() throws {
        let doc = try parse(
            """
            [[account]]
            profile = "prod"
            regions = ["us-east-1", "eu-west-1"]

            [[account]]
            profile = "staging"

            [guardrails]
            min_retention_days = 35

            [guardrails.extra]
            x = 1
            """)
        guard case .array(let accounts)? = doc["account"]?.value, accounts.count == 2,
            case .table(let first) = accounts[0], case .table(let second) = accounts[1]
        else {
            Issue.record("account is not an array of two tables")
            return
        }
        #expect(first["profile"]?.value == .string("prod"))
        #expect(first.line == 1)
        #expect(second["profile"]?.value == .string("staging"))
        #expect(second.line == 5)
        #expect(value(doc, "guardrails", "min_retention_days") == .integer(35))
        #expect(value(doc, "guardrails", "extra", "x") == .integer(1))
    }

    @Test(arguments: [
        ("a = ", "1:5: expected a value"),
        ("a = 1\na = 2", "2:1: \"a\" is set twice (first on line 1)"),
        ("a = \"open", "1:10: the string is not closed"),
        ("a = hello", "1:5: \"hello\" is not a value (strings need quotes)"),
        ("a = 1979-05-27T07:32:00Z", "1:5: dates and times are not taken here (1979-05-27T07:32:00Z)"),
        ("a = [1, 2", "1:10: expected , or ] in the array"),
        ("[t]\n[t]", "2:1: table [t] is defined twice"),
        ("a = 1 b = 2", "1:7: expected the end of the line"),
        ("a = \"\\q\"", "1:8: unknown escape \\q"),
        ("a = 007", "1:5: \"007\" : leading zeros are not allowed"),
        ("a = 1\n[a]", "2:1: \"a\" is already an integer, not a table"),
        ("= 1", "1:1: expected a key"),
        ("a = \"x\u{7}\"", "1:7: a control character in a string must be escaped"),
        ("a = [1]\n[[a]]", "2:1: \"a\" is an array set with = on line 1, not an array of tables"),
        ("a = [{ x = 1 }]\n[[a]]", "2:1: \"a\" is an array set with = on line 1, not an array of tables"),
        ("a = 1\n[[a]]", "2:1: \"a\" is already an integer, not an array of tables"),
        ("a = [1]\n[a.b]", "2:1: \"a\" is an array of values, not of tables"),
        ("a.b = 1\na.b.c = 2", "2:1: \"b\" is already an integer, not a table"),
        ("[a]\nb = 1\n[[a.b.c]]", "3:1: \"b\" is already an integer, not a table"),
    ])
    func errorsNameLineAndColumn(text: String, expected: String) {
        #expect(throws: TOMLError.self) { try parse(text) }
        do {
            _ = try parse(text)
        } catch {
            #expect("\(error)" == expected.replacingOccurrences(of: "\" :", with: "\":"))
        }
    }

    /// Nesting is bounded: 10,000 brackets crashed the reader; 64 levels still read.
    @Test func deepNestingIsRefusedNotACrash() throws {
        do {
            _ = try parse("a = " + String(repeating: "[", count: 10_000))
            Issue.record("parsed")
        } catch {
            #expect("\(error)" == "1:69: arrays and inline tables nest deeper than 64 levels")
        }
        let deepest = "a = " + String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(throws: Never.self) { try parse(deepest) }
    }

    /// Dotted keys and table headers nest tables as deeply as brackets do (40,000 parts crashed
    /// the reader with a stack overflow), and inside inline tables the two add up.
    @Test(arguments: [
        (Array(repeating: "a", count: 40_000).joined(separator: ".") + " = 1", "1:128: a dotted key"),
        ("[" + Array(repeating: "a", count: 40_000).joined(separator: ".") + "]", "1:129: a dotted key"),
        ("x = " + String(repeating: "{ a = ", count: 39) + "{ " + Array(repeating: "b", count: 30).joined(separator: ".") + " = 1", "1:"),
    ])
    func deepDottedKeysAreRefusedNotACrash(document: String, said: String) throws {
        do {
            _ = try parse(document)
            Issue.record("parsed")
        } catch {
            #expect("\(error)".hasPrefix(said), "\(error)")
            #expect("\(error)".hasSuffix("nests deeper than 64 levels"), "\(error)")
        }
        let deepest = Array(repeating: "a", count: 64).joined(separator: ".") + " = 1"
        #expect(throws: Never.self) { try parse(deepest) }
    }

    /// Reading is linear in the document: twenty times the tables, keys or numbers take about
    /// twenty times as long, not four hundred (20,000 `[[account]]` tables took minutes while each
    /// table copied the array before it, and each number counted its column from the start of the
    /// line: before the fix, 2,000 to 20,000 already gave 50 to 83). A ratio of the best of three
    /// runs, with room for a busy machine (15 to 35 measured); no time is asserted.
    @Test(arguments: ["array of tables", "dotted keys", "one long line"])
    func readingIsLinear(shape: String) throws {
        func document(_ count: Int) -> String {
            switch shape {
            case "array of tables":
                return (0..<count).map { "[[account]]\nprofile = \"p\($0)\"\nregions = [\"us-east-1\"]\n" }.joined()
            case "dotted keys":
                return "[guardrails]\n" + (0..<count).map { "extra.k\($0) = \($0)\n" }.joined()
            default:
                return "a = [" + (0..<count).map { "\($0)" }.joined(separator: ", ") + "]\nb = { " + (0..<count).map { "k\($0) = 1" }
                    .joined(separator: ", ") + " }\n"
            }
        }
        func fastest(_ text: String) throws -> Duration {
            var best = Duration.seconds(3600)
            for _ in 0..<3 {
                let started = ContinuousClock.now
                _ = try parse(text)
                best = min(best, ContinuousClock.now - started)
            }
            return best
        }
        let small = document(1_000)
        let large = document(20_000)
        let ratio = try fastest(large) / fastest(small)
        #expect(ratio < 80, "20,000 took \(ratio) times as long as 1,000")

        let doc = try parse(large)
        switch shape {
        case "array of tables":
            guard case .array(let accounts)? = doc["account"]?.value, case .table(let last)? = accounts.last else {
                Issue.record("account is not an array of tables")
                return
            }
            #expect(accounts.count == 20_000)
            #expect(last["profile"]?.value == .string("p19999"))
            #expect(last.line == 3 * 19_999 + 1)
        case "dotted keys":
            #expect(value(doc, "guardrails", "extra", "k19999") == .integer(19_999))
        default:
            guard case .array(let numbers)? = doc["a"]?.value, case .table(let b)? = doc["b"]?.value else {
                Issue.record("a and b were not read")
                return
            }
            #expect(numbers.count == 20_000 && numbers.last == .integer(19_999))
            #expect(b.keys.count == 20_000)
        }
    }
}
