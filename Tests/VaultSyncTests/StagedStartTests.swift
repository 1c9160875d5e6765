import Foundation
import Synchronization
import Testing
import VaultCore
import VaultStore

@testable import VaultSync
@testable import VaultDemo

/// The worker's initial load in stages: vaults first, then alerts and acknowledgements, then the points.
@Suite struct StagedStartTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vw-staged-\(UUID().uuidString)")
    static let start = UTC.date(year: 2026, month: 11, day: 23, hour: 12)

    func point(_ n: Int, in vault: String) -> RecoveryPoint {
        RecoveryPoint(
            arn: "arn:aws:backup:eu-west-1:111122223333:recovery-point:\(vault)-\(n)", vaultName: vault,
            resourceArn: "arn:aws:ec2:eu-west-1:444455556666:volume/vol-\(n % 7)", resourceType: "EBS",
            creationDate: Self.start.addingTimeInterval(Double(n)), sizeBytes: Int64(n))
    }

    @Test func vaultsComeFirstThenPointsWithProgress() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try Store(directory: directory)
        let vaults = ["a", "b", "c"]
        var records: [Record] = vaults.map {
            .vault(Vault(name: $0, arn: "arn:aws:backup:eu-west-1:111122223333:backup-vault:\($0)", accountId: "111122223333",
                region: "eu-west-1", creationDate: Self.start))
        }
        for v in vaults { for n in 0..<200 { records.append(.recoveryPoint(point(n, in: v))) } }
        let intruder = Principal.role("DevOps", session: "alice", account: DemoAccount.accountId)
        let alerts = (0..<3).map { n in
            Alert(
                raisedBy: DemoAccount.alertRule.name,
                for: ApiCall(
                    id: "evt-\(n)", time: Self.start, action: "DeleteRecoveryPoint", principal: intruder, vaultName: "a",
                    errorCode: "AccessDenied", accountId: DemoAccount.accountId, region: DemoAccount.region))
        }
        records += alerts.map(Record.alert)
        records.append(.acknowledgement(Acknowledgement(id: "k", alertId: alerts[0].id, by: "x", at: Self.start, note: nil)))
        try store.append(records)

        let snapshots = Mutex<[AccountSnapshot]>([])
        let done = DispatchSemaphore(value: 0)
        let worker = SyncWorker(
            store: store, source: nil, rules: [DemoAccount.alertRule], clock: FixedClock(Self.start),
            publish: { s in
                snapshots.withLock { $0.append(s) }
                if !s.loading { done.signal() }
            },
            fail: { _ in done.signal() })
        worker.start()
        done.wait()
        worker.stop()

        let all = snapshots.withLock { $0 }
        // The vaults before the audit files, whatever their size; the counts once they are read.
        let vaultsOnly = try #require(all.first { !$0.state.vaults.isEmpty })
        #expect(vaultsOnly.alertsLoading)
        #expect(vaultsOnly.state.alerts.isEmpty)
        let audited = try #require(all.first { !$0.state.vaults.isEmpty && !$0.alertsLoading })
        #expect(audited.generation > vaultsOnly.generation)
        #expect(all.filter(\.alertsLoading).count == 1)
        let first = try #require(all.first { $0.pointsLoad != nil })
        #expect(first.state.alerts.count == 3)
        #expect(first.state.unacknowledgedAlertCount == 2)
        #expect(first.loading)
        #expect(first.state.vaults.count == 3)
        #expect(first.pointsLoad?.loadedBytes == 0)
        #expect(first.pointsLoad?.pendingVaults == Set(vaults.map { VaultKey(accountId: "111122223333", region: "eu-west-1", name: $0) }))
        let last = try #require(all.last)
        #expect(!last.loading)
        #expect(last.pointsLoad == nil)
        #expect(last.state.pointCount == 600)
        #expect(all.map(\.generation) == all.map(\.generation).sorted())
    }
}
