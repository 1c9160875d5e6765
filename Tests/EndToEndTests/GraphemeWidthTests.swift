import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Width measured per grapheme cluster as the terminal draws it, checked against tmux itself: a
/// corpus of names that break layouts (wide, emoji, ZWJ sequences, a stray joiner, a pile of
/// combining marks, flags, modifiers, keycaps, zero-width and bidi characters) arrives as the
/// principals of alerts; on the dashboard's Alerts tab, in a real terminal, every row's VAULT
/// starts in the column of its title, selected or not, counted with the C library's wcwidth, as
/// tmux counts.
@Suite(.serialized) struct GraphemeWidthTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vw-graphemes-\(UUID().uuidString)")

    static let corpus = [
        "ascii-role", "顧客DB管理", "fire🔥role", "heart❤️role", "family👩‍👩‍👧role", "Backup\u{200D}Ops",
        "Ze\u{301}\u{302}\u{303}\u{304}\u{305}\u{306}\u{307}\u{308}phyr", "flag🇪🇺role", "thumbs👍🏽role", "key1️⃣role",
        "ＦＵＬＬwidth", "zero\u{200B}width", "bidi\u{202E}txet", "한국어", "한", "e\u{301}cole", "ที่นี่", "pride🏳️‍🌈flag",
    ]

    /// One CloudTrail record a line: `DeleteRecoveryPoint` on WORM_vault, refused, by a role named `name`.
    static func record(_ n: Int, _ name: String) throws -> String {
        let record: [String: Any] = [
            "eventVersion": "1.09", "eventSource": "backup.amazonaws.com", "eventName": "DeleteRecoveryPoint",
            "eventTime": String(format: "2026-11-24T02:%02d:00Z", n), "awsRegion": "us-east-1",
            "recipientAccountId": "111122223333", "eventID": "grapheme-\(n)", "eventType": "AwsApiCall",
            "errorCode": "AccessDenied", "requestParameters": ["backupVaultName": "WORM_vault"],
            "userIdentity": [
                "type": "AssumedRole", "accountId": "111122223333", "arn": "arn:aws:sts::111122223333:assumed-role/\(name)/s",
                "sessionContext": ["sessionIssuer": ["type": "Role", "arn": "arn:aws:iam::111122223333:role/\(name)"]],
            ],
        ]
        return String(decoding: try JSONSerialization.data(withJSONObject: record), as: UTF8.self)
    }

    /// The C library's wcwidth, which tmux counts columns with (not in Glibc's module map).
    static let wcwidth: @convention(c) (Int32) -> Int32 = {
        setlocale(LC_CTYPE, "C.UTF-8")
        return unsafeBitCast(dlsym(UnsafeMutableRawPointer(bitPattern: 0), "wcwidth"), to: (@convention(c) (Int32) -> Int32).self)
    }()

    /// The terminal column at which `needle` starts on a captured line.
    static func column(of needle: String, in line: Substring) -> Int? {
        guard let range = line.range(of: needle) else { return nil }
        return line[..<range.lowerBound].unicodeScalars.reduce(0) { $0 + max(Int(wcwidth(Int32(bitPattern: $1.value))), 0) }
    }

    @Test func everyRowLinesUpInARealTerminalWhateverItsPrincipalIsCalled() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let events = folder.appendingPathComponent("trail.jsonl")
        try Self.corpus.enumerated().map { try Self.record($0, $1) }.joined(separator: "\n").appending("\n")
            .write(to: events, atomically: true, encoding: .utf8)
        let store = folder.appendingPathComponent("store").path
        let sync = try Shell.outcome(try Built.vaultwatch.path, ["sync", "--source", "none", "--events-file", events.path, "--once", "--store", store])
        #expect(sync.status == 0, "\(sync.stderr)")

        let session = TmuxSession(label: "graphemes")
        defer { session.kill() }
        try session.start(
            [try Built.vaultwatch.path, "watch", "--source", "none", "--store", store], width: 200, height: 40,
            environment: ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "tmux-256color"])
        try session.send("3")
        var screen = try session.waitFor("the alerts") { $0.contains("[3 Alerts (\(Self.corpus.count))]") && $0.contains("ascii-role") }
        for row in 0..<Self.corpus.count {
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            let header = try #require(lines.first { $0.contains("PRINCIPAL") && $0.contains("VAULT") })
            let vault = try #require(Self.column(of: "VAULT", in: header))
            let rows = lines.filter { $0.contains("WORM_vault") && $0.contains("AccessDenied") }
            #expect(rows.count == Self.corpus.count, "\(screen)")
            for line in rows {
                #expect(Self.column(of: "WORM_vault", in: line) == vault, "misaligned: \(line.unicodeScalars.map { String($0.value, radix: 16) })\n\(screen)")
            }
            // The selected row keeps its mark in the first column.
            let selected = rows.filter { $0.hasPrefix("▶") }
            #expect(selected.count == 1, "row \(row): \(screen)")
            try session.send("j")
            // The selection moved (not just the clock ticked), and the frame is whole: one row marked.
            func marked(_ screen: String) -> [Substring] { screen.split(separator: "\n").filter { $0.hasPrefix("▶") } }
            let before = marked(screen)
            screen = row == Self.corpus.count - 1
                ? screen : try session.waitFor("the selection to move") { marked($0).count == 1 && marked($0) != before }
        }
    }
}
