import AWSClient
import Foundation
import VaultBench
import VaultCore
import VaultEmulator

/// Figure 7: a full sync of every recovery point through vaultwatch's AWS Backup endpoint (HTTP,
/// SigV4, pages of 1,000), with vaultwatch's AWSClient paging each vault and decoding every page into
/// recovery points, against boto3's paginator over the same endpoint in the same run, and the AWS CLI
/// beside them. Then the pages a second the endpoint serves, and a poll of the unchanged account:
/// ListBackupVaults (each vault's NumberOfRecoveryPoints) and one ListRecoveryPointsByBackupVault per
/// vault for what was created since the last sync.
enum EndpointFigure {
    static func measure(points: Int, vaults: Int, seed: UInt64, into table: inout Table) throws {
        Progress.say("figure 7: serving \(Format.grouped(points)) recovery points in \(vaults) vaults")
        let backend = EndpointAccount.backend(points: points, vaults: vaults, seed: seed)
        let local = try LocalEmulator(backend: backend)
        defer { local.stop() }
        guard let admin = local.connection(as: "admin") else { throw BenchError("the emulator has no admin") }
        let names = (0..<vaults).map { "bench-vault-\($0)" }
        let counter = CountingTransport()
        let client = try admin.client(transport: counter)

        Progress.say("figure 7: vaultwatch's AWSClient, every page read into recovery points, 2 vaults at a time")
        var start = Monotonic.now()
        let synced = try fullSync(client, vaults: names, lanes: 2)
        let ours = Monotonic.seconds(since: start)
        guard synced.points == points else { throw BenchError("the sync read \(synced.points) points of \(points)") }
        let value = "\(Format.rate(Double(points) / ours, unit: " points")) · \(Format.seconds(ours))"
        let figure = "7 sync \(Format.grouped(points)) points over HTTP"

        Progress.say("figure 7: boto3's paginator over the same endpoint")
        switch Peer.python(
            "boto3_list_points.py", [local.endpoint, admin.principal.accessKeyId, admin.principal.secretAccessKey] + names)
        {
        case .success(let peer):
            let seconds = peer.number("seconds") ?? .nan
            if Int(peer.number("points") ?? 0) != points {
                table.notes.append("boto3 read \(Int(peer.number("points") ?? 0)) points of \(points)")
            }
            table.add(
                figure, value, target: "≥ 10× boto3", peer: "boto3 paginator, pages of 1,000",
                "\(Format.rate(Double(points) / seconds, unit: " points")) · \(Format.seconds(seconds))",
                ratio: seconds / ours, pass: seconds / ours >= 10)
        case .failure(let why):
            table.unavailable(figure, value, target: "≥ 10× boto3", peer: "boto3 paginator, pages of 1,000", why, pass: nil)
        }

        // The AWS CLI prints every point as JSON too: one vault, scaled to the whole account.
        Progress.say("figure 7: the AWS CLI over one vault")
        let cli = Peer.run(
            "env",
            [
                "AWS_ACCESS_KEY_ID=\(admin.principal.accessKeyId)", "AWS_SECRET_ACCESS_KEY=\(admin.principal.secretAccessKey)",
                "AWS_DEFAULT_REGION=us-east-1", "AWS_CONFIG_FILE=/dev/null", "AWS_SHARED_CREDENTIALS_FILE=/dev/null",
                "aws", "--endpoint-url", local.endpoint, "backup", "list-recovery-points-by-backup-vault",
                "--backup-vault-name", names[0], "--page-size", "1000", "--output", "json",
            ], parse: false)
        let perVault = points / vaults
        switch cli {
        case .success(let peer):
            let whole = peer.seconds * Double(vaults)
            table.add(
                "", "", target: "", peer: "aws CLI, 1 vault × \(vaults)",
                "\(Format.rate(Double(perVault) / peer.seconds, unit: " points")) · \(Format.seconds(whole))",
                ratio: whole / ours, pass: nil)
        case .failure(let why):
            table.unavailable("", "", target: "", peer: "aws CLI, 1 vault × \(vaults)", why, pass: nil)
        }

        Progress.say("figure 7: pages a second the endpoint serves")
        let served = try pagesServed(admin, vault: names[0], seconds: 3, lanes: 2)
        table.add(
            "  endpoint pages served", "\(Format.rate(served.pages, unit: " pages")) · \(Format.mbPerSecond(bytes: served.bytes, seconds: 1))",
            target: "", peer: "", "", ratio: nil, pass: nil)

        Progress.say("figure 7: polling the unchanged account")
        let before = counter.count
        start = Monotonic.now()
        let changed = try poll(client, vaults: names, known: synced.counts, since: synced.newest)
        let pollSeconds = Monotonic.seconds(since: start)
        let requests = counter.count - before
        let perVaultRequests = Double(requests) / Double(vaults)
        table.add(
            "  poll of the unchanged account", "\(requests) requests · \(Format.seconds(pollSeconds))",
            target: "≤ 2 requests a vault", peer: "", String(format: "%.2f a vault", perVaultRequests), ratio: nil,
            pass: perVaultRequests <= 2 && changed.isEmpty)
        table.notes.append(
            "figure 7: vaultwatch pages through AWSClient directly (AWSBackupSource is not on main yet), 2 vaults at a time; "
                + "boto3 and the CLI one vault after another; all over HTTP on 127.0.0.1 to the in-process emulator")
    }

    /// Every point of every vault, `lanes` vaults at a time: the count, each vault's count, the newest creation date.
    static func fullSync(_ client: AWSClient, vaults: [String], lanes: Int) throws -> (points: Int, counts: [String: Int], newest: Date) {
        let results = Locked([String: (Int, Date)]())
        let failure = Locked<Error?>(nil)
        let next = Locked(0)
        DispatchQueue.concurrentPerform(iterations: lanes) { _ in
            while true {
                let index = next.update { value -> Int in
                    defer { value += 1 }
                    return value
                }
                guard index < vaults.count, failure.value == nil else { return }
                do {
                    var token: String?
                    var count = 0
                    var newest = Date.distantPast
                    repeat {
                        let response = try client.send(
                            BackupRequest.listRecoveryPointsByBackupVault(vaults[index], nextToken: token, maxResults: 1000))
                        let page = try RecoveryPointPage(response.body, vault: key(vaults[index]))
                        for point in page.points {
                            count += 1
                            newest = max(newest, point.creationDate)
                        }
                        token = page.nextToken
                    } while token != nil
                    let name = vaults[index]
                    results.update { $0[name] = (count, newest) }
                } catch {
                    failure.update { $0 = error }
                }
            }
        }
        if let error = failure.value { throw error }
        let all = results.value
        return (
            all.values.reduce(0) { $0 + $1.0 }, all.mapValues(\.0), all.values.map(\.1).max() ?? .distantPast
        )
    }

    /// The vaults whose points changed since the sync: one ListBackupVaults for every vault's count,
    /// then one listing per vault of the points created after the newest known.
    static func poll(_ client: AWSClient, vaults: [String], known: [String: Int], since: Date) throws -> [String] {
        let listed = try client.send(BackupRequest.listBackupVaults(maxResults: 1000)).jsonObject()
        var changed: [String] = []
        var counts: [String: Int] = [:]
        for vault in listed["BackupVaultList"] as? [[String: Any]] ?? [] {
            if let name = vault["BackupVaultName"] as? String { counts[name] = vault["NumberOfRecoveryPoints"] as? Int }
        }
        for name in vaults {
            let fresh = try client.send(
                BackupRequest.listRecoveryPointsByBackupVault(name, maxResults: 1000, createdAfter: since + 1)
            ).jsonObject()
            let added = (fresh["RecoveryPoints"] as? [Any])?.count ?? 0
            if added > 0 || counts[name] != known[name] { changed.append(name) }
        }
        return changed
    }

    static func key(_ vault: String) -> VaultKey {
        VaultKey(accountId: "111122223333", region: "us-east-1", name: vault)
    }

    /// Pages of 1,000 points served over HTTP to `lanes` clients for `seconds`: each asks for the
    /// same first page again and reads it off the socket without decoding it, so what is counted is
    /// the endpoint's work (and the transfer), not a client's parsing.
    static func pagesServed(_ connection: EmulatorConnection, vault: String, seconds: Double, lanes: Int) throws
        -> (pages: Double, bytes: Int)
    {
        let pages = Locked(0)
        let bytes = Locked(0)
        let operation = try BackupRequest.listRecoveryPointsByBackupVault(vault, maxResults: 1000)
        let start = Monotonic.now()
        DispatchQueue.concurrentPerform(iterations: lanes) { _ in
            guard let client = try? connection.client() else { return }
            while Monotonic.seconds(since: start) < seconds {
                guard let response = try? client.send(operation) else { return }
                pages.update { $0 += 1 }
                bytes.update { $0 += response.body.count }
            }
        }
        let elapsed = Monotonic.seconds(since: start)
        return (Double(pages.value) / elapsed, Int(Double(bytes.value) / elapsed))
    }
}

/// Counts the requests a client sends.
final class CountingTransport: HTTPTransport, @unchecked Sendable {
    private let inner = CurlTransport()
    private let sent = Locked(0)
    func send(_ request: HTTPRequest, timeout: TimeInterval, cancellation: CancellationHandle?) throws -> HTTPResponse {
        sent.update { $0 += 1 }
        return try inner.send(request, timeout: timeout, cancellation: cancellation)
    }
    var count: Int { sent.value }
}

final class Locked<T>: @unchecked Sendable {
    private var stored: T
    private let lock = NSLock()
    init(_ value: T) { stored = value }
    var value: T {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
    @discardableResult
    func update<R>(_ body: (inout T) -> R) -> R {
        lock.lock()
        defer { lock.unlock() }
        return body(&stored)
    }
}
