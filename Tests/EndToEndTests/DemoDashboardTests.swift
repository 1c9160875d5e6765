import Foundation
import Testing

/// The demo dashboard in a real terminal: acknowledge an alert with a note, quit, start again on
/// the same store and see it acknowledged; resize and see a clean redraw.
@Suite(.serialized) struct DemoDashboardTests {
    let store = FileManager.default.temporaryDirectory.appendingPathComponent("vaultwatch-e2e-\(UUID().uuidString)")
    let environment = ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "tmux-256color"]

    func demo() throws -> [String] {
        [try Built.vaultwatch.path, "demo", "--store", store.path, "--speed", "30", "--by", "e2e@test"]
    }

    /// The 8-character id shown in the title of the pane under the alert list.
    func selectedAlertId(_ screen: String) -> String? {
        guard let r = screen.range(of: #"alert [0-9a-f]{8}"#, options: .regularExpression) else { return nil }
        return String(screen[r].suffix(8))
    }

    @Test func acknowledgementSurvivesARestartAndResizeRedrawsCleanly() throws {
        defer { try? FileManager.default.removeItem(at: store) }
        let first = TmuxSession(label: "ack")
        defer { first.kill() }
        try first.start(try demo(), width: 100, height: 30, environment: environment)
        try first.waitFor("the demo's first alerts") { $0.contains("new alert") }

        try first.send("3")
        let alerts = try first.waitFor("the Alerts tab") { $0.contains("[3 Alerts") && $0.contains("NEW") }
        // Select the first unacknowledged row: move down until the pane says "not yet".
        var screen = alerts
        for _ in 0..<20 where !screen.contains("Acked      not yet") {
            try first.send("j")
            Thread.sleep(forTimeInterval: 0.15)
            screen = try first.capture()
        }
        let id = try #require(selectedAlertId(screen), "no alert pane on screen:\n\(screen)")
        try first.send("p")  // pause, so the selection cannot move while we type
        try first.send("a")
        try first.waitFor("the acknowledge dialog") { $0.contains("Acknowledge alert \(id)") }
        try first.type("checked with alice, OPS-1142")
        try first.send("Enter")
        try first.waitFor("the acknowledgement to be recorded") { $0.contains("Acknowledged \(id)") }
        try first.send("p")
        try first.waitFor("the pane to show who acknowledged") { $0.contains("Acked      by e2e@test") }
        try first.send("q")
        try first.waitUntilExited()
        first.kill()

        // What scripts see: the acknowledgement, who made it and the note.
        let json = try Shell.run(try Built.vaultwatch.path, ["alerts", "--json", "--store", store.path])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        let row = try #require(rows.first { ($0["id"] as? String)?.hasPrefix(id) == true })
        let ack = try #require(row["acknowledgement"] as? [String: Any])
        #expect(ack["by"] as? String == "e2e@test")
        #expect(ack["note"] as? String == "checked with alice, OPS-1142")

        // Start again on the same store: the alert is still acknowledged on screen.
        let second = TmuxSession(label: "restart")
        defer { second.kill() }
        try second.start(try demo(), width: 100, height: 30, environment: environment)
        try second.waitFor("the dashboard") { $0.contains("vaultwatch") && $0.contains("[1 Vaults") }
        try second.send("3", "/")
        try second.type(id)
        try second.send("Enter")
        let found = try second.waitFor("the acknowledged alert") { $0.contains("alert \(id)") && $0.contains("by e2e@test") }
        #expect(found.contains("checked with alice, OPS-1142"))
        #expect(found.contains("acked"))

        // Resize smaller, then larger: each redraw is whole, nothing of the old layout is left.
        try second.send("Escape", "1")
        for (w, h) in [(80, 24), (60, 15), (130, 42), (80, 24)] {
            try second.resize(width: w, height: h)
            let s = try second.waitFor("a redraw at \(w)x\(h)") { screen in
                let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
                return lines.first?.hasPrefix(" vaultwatch") == true && screen.contains("q quit")
            }
            let lines = s.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            #expect(lines.filter { $0.hasPrefix(" vaultwatch") }.count == 1, "one header at \(w)x\(h):\n\(s)")
            #expect(lines.filter { $0.contains("q quit") }.count == 1, "one footer at \(w)x\(h):\n\(s)")
            #expect(lines.filter { $0.contains("[1 Vaults]") }.count == 1, "one tab line at \(w)x\(h):\n\(s)")
            #expect(lines[1].contains("[1 Vaults]"), "tab line right under the header at \(w)x\(h):\n\(s)")
        }
        try second.resize(width: 30, height: 8)
        try second.waitFor("the too-small screen") { $0.contains("Terminal too small") }
        try second.resize(width: 100, height: 30)
        try second.waitFor("the dashboard again") { $0.contains("[1 Vaults]") && !$0.contains("too small") }
        try second.send("q")
        try second.waitUntilExited()
    }
}

/// What a first user does on the demo in a real 80×24 terminal, read back from the screen: a
/// vault's detail scrolled to its end and back, a list sorted (the column marked, the cursor at the
/// top), filtered (the filter and its count said) and cleared.
@Suite(.serialized) struct DashboardStateTests {
    let store = FileManager.default.temporaryDirectory.appendingPathComponent("vaultwatch-e2e-state-\(UUID().uuidString)")

    @Test func aDetailScrollsAListSortsAndFiltersAndTheScreenSaysSo() throws {
        defer { try? FileManager.default.removeItem(at: store) }
        let session = TmuxSession(label: "state")
        defer { session.kill() }
        try session.start(
            [try Built.vaultwatch.path, "demo", "--store", store.path], width: 80, height: 24,
            environment: ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "tmux-256color"])
        try session.waitFor("the demo's vaults") { $0.contains("WORM_vault") && $0.contains("by name ▲") }

        // WORM_vault sorts last: its detail holds more than a screen, and scrolls to its last row.
        var screen = try session.press("G", "Enter", until: "WORM_vault's detail") { ScreenState.position(ScreenState.lines($0)[2]) != nil }
        let top = try #require(ScreenState.position(ScreenState.lines(screen)[2]))
        #expect(top.first == 1 && top.last < top.total, "\(screen)")
        screen = try session.press("PgDn", until: "a page down") { ScreenState.position(ScreenState.lines($0)[2])?.first == top.last + 1 }
        screen = try session.press("G", until: "the end of the detail") { ScreenState.position(ScreenState.lines($0)[2])?.last == top.total }
        #expect(screen.range(of: #"\d\d-\d\d \d\d:\d\d (backup|copy) "#, options: .regularExpression) != nil, "the jobs are at the end: \(screen)")
        try session.press("g", until: "the top again") { ScreenState.position(ScreenState.lines($0)[2])?.first == 1 }

        // Sorted by expiry: the column says so, the list's status too, and the cursor is on the first row.
        screen = try session.press("Escape", "2", "s", until: "the points by expiry") { ScreenState.listStatus($0)?.contains("by expires ▲") == true }
        #expect(screen.contains("EXPIRES ▲"), "\(screen)")
        #expect(ScreenState.rows(screen).first?.hasPrefix("▶") == true, "\(screen)")
        let all = try #require(ScreenState.listStatus(screen).flatMap(ScreenState.position))

        // Filtered: the filter, how many of how many, and only the rows it finds.
        try session.send("/")
        try session.type("WORM")
        screen = try session.press("Enter", until: "the filter applied") { ScreenState.listStatus($0)?.contains("filter “WORM”: ") == true }
        let status = String(try #require(ScreenState.listStatus(screen)))
        let found = try #require(Int(status.components(separatedBy: "filter “WORM”: ").last?.split(separator: " ").first ?? ""))
        #expect(status.contains("of \(all.total) · by expires ▲"), "\(status)")
        #expect(found > 0 && found < all.total, "\(status)")
        #expect(ScreenState.rows(screen).allSatisfy { $0.dropFirst().hasPrefix("WORM_vault") }, "\(screen)")

        // Esc clears it: the whole list again.
        screen = try session.press("Escape", until: "the filter cleared") { ScreenState.listStatus($0)?.contains("filter") == false }
        #expect(ScreenState.listStatus(screen).flatMap(ScreenState.position)?.total == all.total, "\(screen)")
        try session.send("q")
        try session.waitUntilExited()
    }
}
