import Foundation
import Testing

/// "An acknowledgement made from the CLI shows on screen within a second": the demo dashboard
/// runs in a real terminal while `vaultwatch ack` acknowledges one of its alerts from outside.
@Suite(.serialized) struct CLIAcknowledgementTests {
    let store = FileManager.default.temporaryDirectory.appendingPathComponent("vaultwatch-e2e-\(UUID().uuidString)")
    let environment = ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "tmux-256color"]

    @Test func anAcknowledgementFromTheCLIShowsOnScreen() throws {
        defer { try? FileManager.default.removeItem(at: store) }
        let vaultwatch = try Built.vaultwatch.path
        let session = TmuxSession(label: "cli-ack")
        defer { session.kill() }
        try session.start(
            [vaultwatch, "demo", "--store", store.path, "--speed", "30", "--by", "screen@test"], width: 120, height: 30,
            environment: environment)
        try session.waitFor("the demo's first alerts") { $0.range(of: #"\d+ new alerts?"#, options: .regularExpression) != nil }

        // An alert nobody has acknowledged, as a script would find it.
        let json = try Shell.run(vaultwatch, ["alerts", "--unacknowledged", "--json", "--store", store.path])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        let id = try #require(rows.first?["id"] as? String)
        let shortId = String(id.prefix(8))

        try session.send("3", "/")
        try session.type(shortId)
        try session.send("Enter")
        try session.waitFor("the alert, not yet acknowledged") {
            $0.contains("alert \(shortId)") && $0.contains("Acked      not yet")
        }

        let started = Date()
        try Shell.run(vaultwatch, ["ack", shortId, "--by", "cli@test", "--note", "from another terminal", "--store", store.path])
        let screen = try session.waitFor("the acknowledgement on screen", timeout: 5) {
            $0.contains("alert \(shortId)") && $0.contains("Acked      by cli@test")
        }
        let seconds = Date().timeIntervalSince(started)
        print("an acknowledgement from the CLI showed on screen after \(String(format: "%.2f", seconds)) s (ack process included)")
        #expect(screen.contains("from another terminal"))
        try session.send("q")
        try session.waitUntilExited()
    }
}
