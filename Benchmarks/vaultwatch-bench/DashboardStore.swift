import Foundation
import Synchronization
import VaultBench
import VaultCore
import VaultStore

/// A store the terminal figures may write to: the large store's points files linked (the
/// dashboard only reads them), everything else copied, so alerts can be appended without
/// touching the cached data set.
enum DashboardStore {
    static func copy(of store: URL, named name: String) throws -> URL {
        let fm = FileManager.default
        let target = Paths.scratch.appendingPathComponent(name, isDirectory: true)
        try? fm.removeItem(at: target)
        try fm.createDirectory(at: target.appendingPathComponent("points"), withIntermediateDirectories: true)
        for file in Paths.storeFiles(store) {
            let inPoints = file.deletingLastPathComponent().lastPathComponent == "points"
            let destination = (inPoints ? target.appendingPathComponent("points") : target).appendingPathComponent(file.lastPathComponent)
            if inPoints {
                try fm.linkItem(at: file, to: destination)
            } else {
                try fm.copyItem(at: file, to: destination)
            }
        }
        return target
    }

    /// Adds a vault whose compliance lock is still in its cooling-off period: one countdown ticks.
    static func addCountdown(to store: URL, now: Date) throws {
        let name = "cooling-off-vault"
        let vault = Vault(
            name: name, arn: "arn:aws:backup:\(AccountGenerator.region):\(AccountGenerator.account):backup-vault:\(name)",
            accountId: AccountGenerator.account, region: AccountGenerator.region, creationDate: now.addingTimeInterval(-86_400),
            encryptionKeyType: .customerManaged, encryptionKeyAlias: "alias/\(name)",
            lock: LockConfiguration(minRetentionDays: 7, maxRetentionDays: 35, lockDate: now.addingTimeInterval(3 * 86_400)))
        try Store(directory: store).append([.vault(vault)])
    }

    /// How many lines a store file holds.
    static func lines(_ file: URL) -> Int {
        guard let data = try? Data(contentsOf: file) else { return 0 }
        return data.reduce(0) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
    }
}

/// Writes calls the alert rule matches, with their alerts, into a store at a steady rate, as a
/// `vaultwatch sync` beside the dashboard does: the dashboard's worker follows the store and takes
/// them in. Each call has an event id of its own; a batch every 100 ms.
final class AlertIngest: @unchecked Sendable {
    private let store: Store
    private let calls: [ApiCall]
    private let rule: AlertRule
    private let perSecond: Int
    private let running = Atomic<Bool>(false)
    private let written = Atomic<Int>(0)
    private let thread = DispatchGroup()

    init(store directory: URL, spec: DatasetSpec, perSecond: Int) throws {
        store = try Store(directory: directory)
        self.perSecond = perSecond
        rule = AlertRule.seed(account: AccountGenerator.account)
        let generator = AccountGenerator(spec)
        calls = (0..<20_000).lazy.map { generator.call(at: $0) }.filter { [rule] in rule.evaluate($0) != nil }.prefix(500).map { $0 }
        guard !calls.isEmpty else { throw BenchError("no generated call raises an alert") }
    }

    /// Alerts written so far.
    var count: Int { written.load(ordering: .relaxed) }

    /// Starts writing (or resumes after `pause`).
    func start() {
        if running.exchange(true, ordering: .relaxed) { return }
        thread.enter()
        Thread.detachNewThread { [self] in
            defer { thread.leave() }
            let batch = max(perSecond / 10, 1)
            var next = Monotonic.now()
            while running.load(ordering: .relaxed) {
                var records: [Record] = []
                records.reserveCapacity(batch * 2)
                for _ in 0..<batch {
                    let n = written.wrappingAdd(1, ordering: .relaxed).oldValue
                    var call = calls[n % calls.count]
                    call.id = "bench-\(n)-\(UInt32.random(in: 0...UInt32.max))"
                    call.time = Date()
                    records.append(.call(call))
                    if let alert = rule.evaluate(call) { records.append(.alert(alert)) }
                }
                do {
                    try store.append(records)
                } catch {
                    Progress.say("figure 10: the ingest could not write: \(error)")
                    return
                }
                next += 100_000_000
                let now = Monotonic.now()
                if next > now { usleep(UInt32((next - now) / 1000)) } else { next = now }
            }
        }
    }

    func pause() {
        running.store(false, ordering: .relaxed)
        thread.wait()
    }
}
