import ArgumentParser
import Foundation
import VaultCore
import VaultTUI

/// `vaultwatch rule`: alert rules as EventBridge patterns.
struct Rule: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rule",
        abstract: "Work with alert rules (EventBridge event patterns).", subcommands: [RuleTest.self])
}

/// `vaultwatch rule test`: answers like `aws events test-event-pattern`, locally and exactly.
struct RuleTest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Test an event pattern against an event, or against every event of a JSON-lines file.",
        discussion: """
            With --event, prints true or false and exits 0 when the event matches, 1 when it does not.
            With --events, prints every matching line and exits 0 when at least one matched, 1 when none did.
            An invalid pattern or event exits 2 with a message naming the file and the field; in a JSON-lines
            file, each unreadable line is reported on stderr with its line number, the other lines are still
            tested, and the exit status is 2.
            The pattern file may hold a bare pattern or the output of `aws events describe-rule`.
            """)

    @Option(help: ArgumentHelp("The event pattern (or a describe-rule output).", valueName: "file"))
    var pattern: String
    @Option(help: ArgumentHelp("One event (a JSON object).", valueName: "file"))
    var event: String?
    @Option(help: ArgumentHelp("Events, one JSON object per line.", valueName: "file.jsonl"))
    var events: String?

    func validate() throws {
        guard (event == nil) != (events == nil) else { throw ValidationError("give exactly one of --event and --events") }
    }

    func run() throws {
        let rule = try Self.rule(at: pattern)
        guard let compiled = rule.pattern else { throw Self.invalid("\(pattern): no event pattern") }
        if let event {
            let matched: Bool
            do {
                matched = try Self.test(compiled, try Self.read(event))
            } catch let error as EventPatternError {
                throw Self.invalid("\(event): \(error)")
            }
            print(matched ? "true" : "false")
            if !matched { throw ExitCode.failure }
        } else if let events {
            try testLines(of: events, against: compiled)
        }
    }

    private func testLines(of path: String, against pattern: EventPattern) throws {
        let file: FileHandle
        do {
            file = try InputFile.open(path)
        } catch {
            throw Self.invalid("\(error)")
        }
        defer { try? file.close() }
        var matchedAny = false
        var unreadable = 0
        var lineNumber = 0
        var pending = Data()
        // Read in chunks: an event log can be larger than memory wants to hold at once.
        func test(_ line: Data) {
            lineNumber += 1
            if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }) {
                return
            }
            do {
                if try Self.test(pattern, line) {
                    matchedAny = true
                    // The line as given, but with every control, C1, bidi and zero-width character
                    // escaped: the same JSON, inert on a terminal.
                    FileHandle.standardOutput.write(JSONInert.escape(line) + Data("\n".utf8))
                }
            } catch {
                unreadable += 1
                Self.warn("\(path):\(lineNumber): \(error)")
            }
        }
        while true {
            let chunk: Data
            do {
                chunk = try file.read(upToCount: 1 << 20) ?? Data()
            } catch {
                throw Self.invalid("\(path): cannot be read (\((error as NSError).localizedDescription))")
            }
            if chunk.isEmpty { break }
            pending.append(chunk)
            var start = pending.startIndex
            while let newline = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
                test(Data(pending[start..<newline]))
                start = pending.index(after: newline)
            }
            pending = Data(pending[start...])
        }
        if !pending.isEmpty { test(pending) }
        if unreadable > 0 { throw ExitCode(2) }
        if !matchedAny { throw ExitCode.failure }
    }

    /// The fields TestEventPattern requires of an event (EventBridge API reference).
    static let mandatoryFields = ["id", "account", "source", "time", "region", "resources", "detail-type"]

    /// Matches one event, refusing as TestEventPattern does an event that lacks a mandatory field.
    static func test(_ pattern: EventPattern, _ data: Data) throws -> Bool {
        let value: JSONValue
        do {
            value = try JSONValue(data: data)
        } catch {
            throw EventPatternError(path: "", message: "event is not valid JSON\(JSONValue.place(of: error))")
        }
        guard case .object(let fields) = value else {
            throw EventPatternError(path: "", message: "event must be a JSON object")
        }
        if let missing = mandatoryFields.first(where: { fields[$0] == nil }) {
            throw EventPatternError(path: missing, message: "missing: an event needs \(mandatoryFields.joined(separator: ", "))")
        }
        return pattern.matches(value)
    }

    /// The rule in a pattern file; exit 2 when it is not one.
    static func rule(at path: String) throws -> AlertRule {
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        do {
            return try AlertRule.definition(try read(path), fallbackName: name)
        } catch let error as EventPatternError {
            throw invalid("\(path): invalid pattern: \(error)")
        }
    }

    static func read(_ path: String) throws -> Data {
        do {
            return try InputFile.read(path)
        } catch {
            throw invalid("\(error)")
        }
    }

    static func invalid(_ message: String) -> ExitCode {
        warn(message)
        return ExitCode(2)
    }

    static func warn(_ message: String) {
        FileHandle.standardError.write(Data("vaultwatch: \(TextTable.sanitize(message))\n".utf8))
    }
}
