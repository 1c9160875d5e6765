import Foundation
import Testing

/// `vaultwatch demo --through-endpoint`: the demo account served by the in-process emulator and
/// read by the AWS source over HTTP and SigV4, in a real terminal: the vaults, the people's refused
/// calls as alerts, the read-only identity the source reads as.
@Suite(.serialized) struct DemoThroughEndpointTests {
    let store = FileManager.default.temporaryDirectory.appendingPathComponent("vaultwatch-e2e-\(UUID().uuidString)")
    let environment = ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "tmux-256color"]

    @Test func theDemoThroughTheEndpointShowsVaultsAndAlerts() throws {
        defer { try? FileManager.default.removeItem(at: store) }
        let session = TmuxSession(label: "endpoint")
        defer { session.kill() }
        let command = [try Built.vaultwatch.path, "demo", "--through-endpoint", "--store", store.path, "--speed", "30"]
        try session.start(command, width: 140, height: 30, environment: environment)
        let vaults = try session.waitFor("the vaults read over HTTP") {
            $0.contains("central-backup-vault") && $0.contains("WORM_vault") && $0.contains("new alert")
        }
        #expect(vaults.contains("as VaultWatchReadOnly/vaultwatch"), "\(vaults)")
        try session.send("3")
        let alerts = try session.waitFor("the Alerts tab") { $0.contains("[3 Alerts") && $0.contains("AccessDenied") }
        #expect(alerts.contains("DevOps/alice") || alerts.contains("ci-deployer") || alerts.contains("root"), "\(alerts)")
        try session.send("q")
        try session.waitUntilExited()
    }
}
