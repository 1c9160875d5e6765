import Foundation
import Testing
import VaultCore
import VaultSync
@testable import VaultDemo

/// The seeded central backup account, as `start` answers it on an empty store.
@Suite struct DemoSourceSeedTests {
    let start = Fixture.t0

    func seeded() throws -> (DemoSource, [Record], AccountState) {
        let source = DemoSource()
        let records = try source.startRecords(resuming: AccountState(), at: start)
        return (source, records, AccountState(records))
    }

    @Test func theVaultsAndTheirLocksRelativeToTheStart() throws {
        let (_, records, state) = try seeded()
        #expect(
            state.sortedVaults.map(\.name) == ["WORM_vault", "central-backup-vault", "legacy-governance", "scratch"])

        let worm = try #require(state.vaults[Fixture.key("WORM_vault")])
        #expect(worm.lockState(at: start) == .complianceGrace(until: start + 2 * Fixture.day + 4 * Fixture.hour))
        #expect(worm.lock?.minRetentionDays == 7)
        #expect(worm.lock?.maxRetentionDays == 30)
        #expect(Countdown(to: try #require(worm.lock?.lockDate), now: start).clock == "2d 04:00:00")

        let central = try #require(state.vaults[Fixture.key("central-backup-vault")])
        guard case .complianceLocked(let since) = central.lockState(at: start) else {
            Issue.record("central-backup-vault should be compliance-locked at the start")
            return
        }
        #expect(since < start - 7 * Fixture.day)
        #expect(central.lock?.minRetentionDays == 5)
        #expect(central.lock?.maxRetentionDays == nil)
        #expect(central.encryptionKeyType == .customerManaged)
        #expect(central.encryptionKeyAlias == "alias/central-backup")

        let governance = try #require(state.vaults[Fixture.key("legacy-governance")])
        #expect(governance.lockState(at: start) == .governance)
        #expect(governance.lock == LockConfiguration(minRetentionDays: 1, maxRetentionDays: 365, lockDate: nil))
        #expect(governance.encryptionKeyType == .awsOwned)

        #expect(try #require(state.vaults[Fixture.key("scratch")]).lockState(at: start) == .unlocked)
        // Built through the backend: every call the admins made while setting it up succeeded.
        let adminCalls = records.calls.filter { DemoAccount.alertRule.isAdmin($0.principal) }
        #expect(
            Set(adminCalls.map(\.action)).isSuperset(of: [
                "CreateBackupVault", "PutBackupVaultAccessPolicy", "PutBackupVaultNotifications",
                "PutBackupVaultLockConfiguration",
            ]))
        #expect(adminCalls.allSatisfy { $0.succeeded })
        #expect(state.sortedVaults.allSatisfy { $0.accountId == Fixture.account && $0.region == Fixture.region })
    }

    @Test func aFewHundredRealisticRecoveryPoints() throws {
        let (_, records, state) = try seeded()
        let points = state.sortedVaults.flatMap { state.points(in: $0.key) }
        #expect((200...600).contains(points.count))
        #expect(Set(points.map(\.arn)).count == points.count)
        #expect(Set(points.map(\.resourceType)).isSuperset(of: ["EC2", "RDS", "Aurora", "EFS", "DynamoDB", "S3"]))
        let accounts = Set(points.compactMap { DemoSourceSeedTests.owner(of: $0) })
        #expect(accounts.isSuperset(of: ["444455556666", "777788889999", "222233334444"]))
        #expect(points.allSatisfy { $0.creationDate <= start && !$0.isExpired(at: start) && $0.sizeBytes > 0 })
        #expect(points.contains { $0.storageClass == .cold && ["EFS", "DynamoDB"].contains($0.resourceType) })
        #expect(points.filter { $0.deleteAt.map { $0 < start + Fixture.day } ?? false }.count >= 3)
        #expect(points.map(\.creationDate).min().map { $0 < start - 14 * Fixture.day } == true)
        // Wide characters for the grid to measure.
        #expect(points.contains { $0.resourceName == "顧客DB" })
        #expect(points.contains { $0.resourceName == "café-orders" })
        // Every seeded point went through the backend and its lock rules: one completed job each.
        #expect(records.jobs.filter { $0.state == .completed }.count == records.points.map(\.arn).uniqueCount)
        #expect(records.jobs.allSatisfy { $0.state == .completed })
    }

    /// A new user sees alerts at once: the first poll, seconds after the seed, brings at least
    /// three sensitive actions by non-admins, all denied.
    @Test func theFirstPollBringsNonAdminAttemptsAtOnce() throws {
        let (source, _, _) = try seeded()
        let now = start + 2
        let records = try source.pollRecords(at: now)
        let alerts = records.calls.compactMap(DemoAccount.alertRule.evaluate)
        #expect(alerts.count >= 3)
        #expect(alerts.allSatisfy { $0.outcome == "AccessDenied" && $0.time >= start && $0.time <= now })
        #expect(Set(alerts.map(\.principal)).count >= 3)
    }

    /// Within the first few simulated minutes: the seeds' exact cases.
    @Test func theOpeningReplaysTheSeedsCases() throws {
        let (source, _, _) = try seeded()
        var records = try source.pollRecords(at: start + 30)
        records += try source.pollRecords(at: start + 5 * Fixture.minute)
        let jobs = records.jobs.filter { $0.resourceArn == Fixture.database2 }
        let central = jobs.filter { $0.vaultName == "central-backup-vault" }
        #expect(central.map(\.lifecycle.deleteAfterDays) == [1, 6])
        #expect(central.map(\.state) == [.failed, .completed])
        #expect(central.first?.statusMessage?.contains("below the Vault Lock minimum of 5 days") == true)
        let worm = jobs.filter { $0.vaultName == "WORM_vault" }
        #expect(worm.map(\.state) == [.failed])
        #expect(
            worm.first?.statusMessage?.contains("A 35-day retention is above the Vault Lock maximum of 30 days") == true
        )
        let adminDelete = records.calls.first { $0.action == "DeleteRecoveryPoint" && $0.principal == Fixture.admin }
        #expect(adminDelete?.errorCode == BackupServiceError.invalidRequest)
        #expect(adminDelete?.recoveryPointArn == central.last?.recoveryPointArn)
        #expect(records.calls.allSatisfy { $0.time <= start + 5 * Fixture.minute })
    }

    @Test func everyPollReportsOneSyncStatus() throws {
        let (source, _, _) = try seeded()
        for now in [start + 1, start + Fixture.hour, start + Fixture.hour, start + Fixture.day] {
            let records = try source.pollRecords(at: now)
            #expect(
                records.syncs == [
                    SyncStatus(source: "demo", accountId: Fixture.account, region: Fixture.region, at: now)
                ])
            #expect(
                records.last
                    == .sync(SyncStatus(source: "demo", accountId: Fixture.account, region: Fixture.region, at: now)))
        }
    }

    /// Simulated days later the account still behaves: points expire, jobs arrive, some are
    /// refused by the lock, and the guardrail keeps denying non-admins.
    @Test func daysOfActivity() throws {
        let (source, seed, _) = try seeded()
        var state = AccountState(seed)
        var records: [Record] = []
        for hour in 1...(4 * 24) { records += try source.pollRecords(at: start + Double(hour) * Fixture.hour) }
        state.apply(records)
        #expect(!records.removedPointArns.isEmpty)
        #expect(records.jobs.filter { $0.state == .completed }.count > 40)
        #expect(records.jobs.contains { $0.state == .failed })
        #expect(records.jobs.contains { $0.kind == .copy })
        let alerts = records.calls.compactMap(DemoAccount.alertRule.evaluate)
        #expect(alerts.count >= 5)
        #expect(alerts.contains { $0.outcome == "AccessDenied" })
        // WORM_vault's cooling-off ended during these days.
        let worm = try #require(state.vaults[Fixture.key("WORM_vault")])
        #expect(
            worm.lockState(at: start + 4 * Fixture.day)
                == .complianceLocked(since: start + 2 * Fixture.day + 4 * Fixture.hour))
        #expect((200...700).contains(state.pointCount))
        #expect(state.pointCount == source.backend?.pointCount)
    }

    /// A jump of a simulated year stays bounded, and the vaults are still populated afterwards.
    @Test func aHugeJumpIsBounded() throws {
        let (source, _, _) = try seeded()
        let records = try source.pollRecords(at: start + 365 * Fixture.day)
        #expect(records.count < 5_000)
        let backend = try #require(source.backend)
        #expect((200...700).contains(backend.pointCount))
        #expect(backend.vaultNames.allSatisfy { !backend.points(in: $0).isEmpty })
        #expect(records.calls.allSatisfy { $0.time > start && $0.time <= start + 365 * Fixture.day })
    }

    @Test func pollingBeforeStartingFails() {
        #expect(throws: DemoSourceError.notStarted) { try DemoSource().pollRecords(at: start) }
    }

    @Test func aStoreOfAnotherAccountIsRefused() throws {
        let vault = Vault(
            name: "prod", arn: "arn:aws:backup:us-east-1:999999999999:backup-vault:prod", accountId: "999999999999",
            region: "us-east-1", creationDate: start)
        let state = AccountState([.vault(vault)])
        #expect(throws: DemoSourceError.foreignAccount("999999999999")) {
            try DemoSource().startRecords(resuming: state, at: start)
        }
    }

    /// The member account a point came from (S3 bucket ARNs carry none; the demo's bucket
    /// names end with it).
    static func owner(of point: RecoveryPoint) -> String? {
        if let account = point.sourceAccount, !account.isEmpty { return account }
        return point.resourceArn.split(separator: "-").last.map(String.init)
    }
}

extension Array where Element: Hashable {
    var uniqueCount: Int { Set(self).count }
}
