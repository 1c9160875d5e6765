import Foundation
import Testing
import VaultCore

@testable import VaultStore

@Suite("Malformed lines")
struct MalformedLineTests {
    @Test("bad lines are skipped and reported with file:line; the lines around them load")
    func skippedAndReported() throws {
        let dir = TemporaryDirectory()
        let alerts = (1...4).map { Fixture.alert("ev-\($0)") }
        try Store(directory: dir.store).append(alerts.map(Record.alert))
        var text = lines(of: dir.file("alerts.jsonl"))
        text.insert("{\"data\":{\"id\":\"x\"", at: 1)
        text.insert(#"{"data":{},"schema":1,"seq":9,"type":"foo"}"#, at: 3)
        text.insert(#"{"data":{"id":"x"},"schema":1,"seq":9,"type":"alert"}"#, at: 4)
        text.insert(#"[1,2,3]"#, at: 5)
        text.insert("", at: 6)
        text.insert(#"{"data":{},"schema":1,"seq":9,"type":"\u001b[31mevil\u202e"}"#, at: 7)
        try write(Array((text.joined(separator: "\n") + "\n").utf8), to: dir.file("alerts.jsonl"))

        let load = try Store(directory: dir.store).load()
        #expect(load.records == alerts.map(Record.alert))
        #expect(load.problems.map(\.description) == [
            "alerts.jsonl:2: not valid JSON",
            #"alerts.jsonl:4: unknown record type "foo""#,
            #"alerts.jsonl:5: missing field "data.callId""#,
            "alerts.jsonl:6: not a JSON object",
            "alerts.jsonl:7: empty line",
            #"alerts.jsonl:8: unknown record type "\u{1b}[31mevil\u{202e}""#,
        ])
        #expect(load.problems.allSatisfy { $0.kind == .malformedLine && $0.file == "alerts.jsonl" })
        #expect(load.problems.dropFirst().first == StoreProblem(.malformedLine, file: "alerts.jsonl", line: 4, message: #"unknown record type "foo""#))
    }

    @Test("a malformed line in a points file names that file")
    func inPointsFile() throws {
        let dir = TemporaryDirectory()
        try Store(directory: dir.store).append([.recoveryPoint(Fixture.point(1, in: "prod/eu"))])
        try appendRaw(Array(#"{"data":{"arn":"a","at":"yesterday","vaultName":"prod/eu"},"schema":1,"seq":2,"type":"recovery-point-removed"}"#.utf8) + [10], to: dir.file("points/111122223333.eu-west-1.prod%2Feu.jsonl"))
        try Store(directory: dir.store).append([.recoveryPoint(Fixture.point(2, in: "prod/eu"))])

        let load = try Store(directory: dir.store).load()
        #expect(load.records == [.recoveryPoint(Fixture.point(1, in: "prod/eu")), .recoveryPoint(Fixture.point(2, in: "prod/eu"))])
        #expect(load.problems.map(\.description) == [
            #"points/111122223333.eu-west-1.prod%2Feu.jsonl:2: field "data.at": not an ISO 8601 date: "yesterday""#
        ])
        #expect(seqs(of: dir.file("points/111122223333.eu-west-1.prod%2Feu.jsonl")) == [1, 2, 3])
    }
}
