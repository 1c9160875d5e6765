import Foundation
import Testing
import VaultCore

@Suite struct AccountStateVaultTests {
    @Test func vaultIsUpsertedByName() {
        var state = AccountState()
        state.apply(.vault(Fixture.vault("WORM_vault")))
        state.apply(.vault(Fixture.vault("central-backup-vault")))
        let locked = Fixture.vault("WORM_vault", lock: LockConfiguration(minRetentionDays: 7, maxRetentionDays: 30))
        state.apply(.vault(locked))
        #expect(state.vaults.count == 2)
        #expect(state.vaults[Fixture.key("WORM_vault")] == locked)
        #expect(state.sortedVaults.map(\.name) == ["WORM_vault", "central-backup-vault"])
    }

    @Test func vaultRemovedTakesItsPointsWithIt() {
        var state = AccountState()
        state.apply([
            .vault(Fixture.vault("a")), .vault(Fixture.vault("b")),
            .recoveryPoint(Fixture.point("p1", in: "a")), .recoveryPoint(Fixture.point("p2", in: "b")),
        ])
        state.apply(.vaultRemoved(Fixture.key("a"), at: Fixture.now))
        #expect(state.vaults.keys.sorted() == [Fixture.key("b")])
        #expect(state.points(in: Fixture.key("a")).isEmpty)
        #expect(state.points(in: Fixture.key("b")).map(\.arn) == [Fixture.point("p2").arn])
        #expect(state.pointCount == 1)
    }

    @Test func secondSnapshotOfAPointReplacesItInPlace() {
        var state = AccountState()
        state.apply([.recoveryPoint(Fixture.point("p1")), .recoveryPoint(Fixture.point("p2"))])
        let cold = Fixture.point("p1", status: .available)
        state.apply(.recoveryPoint(cold))
        #expect(state.pointCount == 2)
        #expect(state.points(in: Fixture.key("central-backup-vault")).map(\.arn) == [Fixture.point("p1").arn, Fixture.point("p2").arn])
        #expect(state.points(in: Fixture.key("central-backup-vault")).first?.status == .available)
    }

    @Test func recoveryPointRemovedKeepsTheIndexRight() {
        var state = AccountState()
        state.apply(["p1", "p2", "p3"].map { .recoveryPoint(Fixture.point($0)) })
        state.apply(.recoveryPointRemoved(arn: Fixture.point("p1").arn, vault: Fixture.key("central-backup-vault"), at: Fixture.now))
        #expect(state.points(in: Fixture.key("central-backup-vault")).map(\.arn) == [Fixture.point("p2").arn, Fixture.point("p3").arn])
        // p3 moved to index 0…1: a new snapshot of it must still replace, not append.
        state.apply(.recoveryPoint(Fixture.point("p3", status: .deleting)))
        #expect(state.pointCount == 2)
        #expect(state.points(in: Fixture.key("central-backup-vault")).map(\.status) == [.completed, .deleting])
    }

    @Test func removingAnUnknownPointOrVaultChangesNothing() {
        var state = AccountState()
        state.apply(.recoveryPoint(Fixture.point("p1")))
        let before = state.points(in: Fixture.key("central-backup-vault"))
        state.apply(.recoveryPointRemoved(arn: "arn:aws:backup:us-east-1:1:recovery-point:nope", vault: Fixture.key("central-backup-vault"), at: Fixture.now))
        state.apply(.recoveryPointRemoved(arn: Fixture.point("p1").arn, vault: Fixture.key("other-vault"), at: Fixture.now))
        #expect(state.points(in: Fixture.key("central-backup-vault")) == before)
        #expect(state.points(in: Fixture.key("other-vault")).isEmpty)
    }

    @Test func jobsNewestFirstPerVault() {
        var state = AccountState()
        for i in 0..<5 {
            state.apply(
                .job(
                    BackupJob(
                        id: "job-\(i)", kind: .copy, vaultName: i.isMultiple(of: 2) ? "a" : "b",
                        accountId: Fixture.account, region: Fixture.region, resourceArn: "arn:aws:rds:eu-west-1:444455556666:db:orders", resourceType: "RDS",
                        lifecycle: Lifecycle(deleteAfterDays: 7), state: .completed, creationDate: Fixture.now + Double(i))))
        }
        #expect(state.recentJobs(in: Fixture.key("a"), limit: 2).map(\.id) == ["job-4", "job-2"])
        #expect(state.recentJobs(in: Fixture.key("b"), limit: 10).map(\.id) == ["job-3", "job-1"])
        #expect(state.jobs.first?.sourceAccount == "444455556666")
    }

    @Test func activityLogIsTrimmedToTheNewest() {
        var state = AccountState()
        let limit = AccountState.activityLimit
        func job(_ i: Int) -> Record {
            .job(
                BackupJob(
                    id: "job-\(i)", kind: .backup, vaultName: "a", resourceArn: "r", resourceType: "EFS",
                    lifecycle: Lifecycle(), state: .running, creationDate: Fixture.now))
        }
        state.apply((0..<(limit * 2)).map(job))
        #expect(state.jobs.count == limit * 2)
        state.apply(job(limit * 2))
        #expect(state.jobs.count == limit)
        #expect(state.jobs.first?.id == "job-\(limit + 1)")
        #expect(state.jobs.last?.id == "job-\(limit * 2)")
    }
}
