import TestSupport
import Foundation
import Testing

/// The README's organization wiring, run as written against a moto_server (its port put in for
/// 5123), then the README's `vaultwatch sync` on the queue it made: the member account's call it
/// puts on its default bus arrives as an alert. Keeps the README's commands honest.
@Suite struct ReadmeOrganizationTests {
    static let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../README.md")

    /// The `sh` blocks of the README's organization section, in order.
    static func blocks() throws -> [String] {
        let text = try String(contentsOf: readme, encoding: .utf8)
        guard let start = text.range(of: "### Alerts from a whole organization"),
            let end = text.range(of: "## How it is built", range: start.upperBound..<text.endIndex)
        else { throw E2EError("README has no organization section") }
        return text[start.upperBound..<end.lowerBound].components(separatedBy: "```sh\n").dropFirst().map {
            $0.components(separatedBy: "```")[0]
        }
    }

    @Test func theReadmesWiringDeliversAMemberAccountsCallToVaultwatch() throws {
        let blocks = try Self.blocks()
        try #require(blocks.count == 4)
        let (wiring, pointing, local, event) = (blocks[0], blocks[1], blocks[2], blocks[3])
        let moto = try LocalMoto()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vw-readme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let vaultwatch = try Built.vaultwatch.path
        let store = folder.appendingPathComponent("store").path

        // The local trial's setup without installing or starting anything (the test did), then the
        // wiring, the member's event, and the README's `vaultwatch sync`, once.
        let setup = local.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("bash .ci/setup") && !$0.hasPrefix("moto_server") }.joined(separator: "\n")
            .replacingOccurrences(of: "http://127.0.0.1:5123", with: moto.url)
        let sync = try #require(pointing.split(separator: "\n").first { $0.hasPrefix("vaultwatch sync") })
            .replacingOccurrences(of: "vaultwatch sync", with: "\"$VAULTWATCH\" sync --once --store \"$STORE\"")
        let script = [setup, wiring, event, String(sync)].joined(separator: "\n")
        try script.write(to: folder.appendingPathComponent("trial.sh"), atomically: true, encoding: .utf8)
        let environment = [
            "HOME=\(folder.path)", "PATH=\(ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")", "LANG=C.UTF-8",
            "VAULTWATCH=\(vaultwatch)", "STORE=\(store)", "AWS_EC2_METADATA_DISABLED=true",
        ]
        let outcome = try Shell.outcome("-i", environment + ["bash", "-e", "-c", "cd \"$0\" && . ./trial.sh", folder.path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("sqs central-backup-alerts 111122223333 us-east-1 ok"), "\(outcome.stdout)")

        let json = try Shell.run(vaultwatch, ["alerts", "--json", "--store", store])
        let alerts = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(alerts.count == 1)
        #expect(alerts.first?["accountId"] as? String == "444455556666")
        #expect(alerts.first?["action"] as? String == "DeleteRecoveryPoint")
        #expect(alerts.first?["principal"] as? String == "DevOps/alice")
    }
}
