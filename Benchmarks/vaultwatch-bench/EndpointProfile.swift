import AWSClient
import Foundation
import VaultBench
import VaultCore
import VaultEmulator

/// `--endpoint-profile`: where the time of one page goes — the emulator answering (no socket), the
/// transfer over HTTP, and the client's decoding — for tuning figure 7.
enum EndpointProfile {
    static func run(points: Int, seed: UInt64) throws {
        let local = try LocalEmulator(backend: EndpointAccount.backend(points: points, vaults: max(1, points / 20_000), seed: seed))
        defer { local.stop() }
        guard let admin = local.connection(as: "admin") else { return }
        let client = try admin.client()
        let operation = try BackupRequest.listRecoveryPointsByBackupVault("bench-vault-0", maxResults: 1000)
        let rounds = 20
        var start = Monotonic.now()
        var body = Data()
        for _ in 0..<rounds { body = try client.send(operation).body }
        let http = Monotonic.seconds(since: start) / Double(rounds)
        let request = SigV4Signer(service: "backup", region: admin.region).sign(
            HTTPRequest(
                method: operation.method, scheme: "http", host: "127.0.0.1", port: local.port, path: operation.path,
                query: operation.query),
            credentials: admin.credentials, at: Date()
        ).request
        start = Monotonic.now()
        for _ in 0..<rounds { _ = local.emulator.handle(request) }
        let handle = Monotonic.seconds(since: start) / Double(rounds)
        start = Monotonic.now()
        let key = VaultKey(accountId: "111122223333", region: "us-east-1", name: "bench-vault-0")
        for _ in 0..<rounds { _ = try RecoveryPointPage(body, vault: key) }
        let decode = Monotonic.seconds(since: start) / Double(rounds)
        start = Monotonic.now()
        for _ in 0..<rounds { _ = try JSONSerialization.jsonObject(with: body) }
        let serialization = Monotonic.seconds(since: start) / Double(rounds)
        print(
            "page of 1,000: \(body.count) bytes; HTTP round trip \(Format.seconds(http)), emulator alone \(Format.seconds(handle)), "
                + "RecoveryPointPage \(Format.seconds(decode)), JSONSerialization \(Format.seconds(serialization))")
    }
}
