import Foundation
import Testing
import VaultCore

/// One row of a matching table: a pattern, an event, and whether the pattern must match it.
struct EventPatternCase: Sendable, CustomTestStringConvertible {
    let pattern: String
    let event: String
    let matches: Bool

    init(_ pattern: String, _ event: String, _ matches: Bool) {
        self.pattern = pattern
        self.event = event
        self.matches = matches
    }

    var testDescription: String { "\(matches ? "matches" : "rejects") \(event) with \(pattern)" }

    func check() throws {
        let compiled = try EventPattern(json: Data(pattern.utf8))
        #expect(try compiled.matches(Data(event.utf8)) == matches, "\(testDescription)")
    }
}

/// One row of a validation table: a pattern EventBridge refuses and the error it must get.
struct EventPatternRejection: Sendable, CustomTestStringConvertible {
    let pattern: String
    let error: String

    init(_ pattern: String, _ error: String) {
        self.pattern = pattern
        self.error = error
    }

    var testDescription: String { pattern }

    func check() {
        do {
            _ = try EventPattern(json: Data(pattern.utf8))
            Issue.record("accepted \(pattern), expected \(error)")
        } catch {
            #expect(error.description == self.error)
        }
    }
}

@Suite struct EventPatternCaseTests {
    @Test func errorDescriptionJoinsPathAndMessage() {
        #expect(EventPatternError(path: "detail.a", message: "bad").description == "detail.a: bad")
        #expect(EventPatternError(path: "", message: "bad").description == "bad")
    }

    @Test func eventThatIsNotAnObjectIsRefused() throws {
        let pattern = try EventPattern(json: Data(#"{"source": ["aws.backup"]}"#.utf8))
        #expect(throws: EventPatternError(path: "", message: "event must be a JSON object, got [1]")) {
            try pattern.matches(Data("[1]".utf8))
        }
        #expect(throws: EventPatternError(path: "", message: "event is not valid JSON")) {
            try pattern.matches(Data("{".utf8))
        }
        #expect(!pattern.matches(JSONValue.string("aws.backup")))
        #expect(pattern.matches(JSONValue.object(["source": .string("aws.backup")])))
    }

    @Test func jsonValueParsesEveryKind() throws {
        let value = try JSONValue(data: Data(#"{"n": null, "b": true, "x": 1.5, "s": "a", "a": [false, 0]}"#.utf8))
        #expect(
            value
                == .object([
                    "n": .null, "b": .bool(true), "x": .number(1.5), "s": .string("a"),
                    "a": .array([.bool(false), .number(0)]),
                ]))
    }
}
