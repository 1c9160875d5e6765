import Foundation
import Testing
import VaultCore

/// Vaults keyed by account, region and name; records from before schema 3 (legacy keys) given to
/// the vault of their name in the home account and region.
@Suite struct AccountStateKeyTests {
    static func vault(_ name: String, account: String, region: String = "us-east-1") -> Vault {
        Vault(
            name: name, arn: "arn:aws:backup:\(region):\(account):backup-vault:\(name)", accountId: account,
            region: region, creationDate: Fixture.now)
    }

    static func point(_ id: String, in vault: VaultKey) -> RecoveryPoint {
        var p = Fixture.point(id, in: vault.name)
        p.accountId = vault.accountId
        p.region = vault.region
        return p
    }

    @Test func twoAccountsMayHaveAVaultOfTheSameName() {
        var state = AccountState()
        let a = Self.vault("Default", account: "111122223333")
        let b = Self.vault("Default", account: "444455556666", region: "eu-west-1")
        state.apply([.vault(a), .vault(b), .recoveryPoint(Self.point("p1", in: a.key)), .recoveryPoint(Self.point("p2", in: b.key))])
        #expect(state.vaults.count == 2)
        #expect(state.points(in: a.key).map(\.arn) == [Fixture.point("p1").arn])
        #expect(state.points(in: b.key).map(\.arn) == [Fixture.point("p2").arn])
        #expect(state.points(in: b.key).first?.vaultKey == b.key)
        #expect(state.vaults(named: "Default").map(\.key) == [a.key, b.key])
        #expect(state.vaults(named: "444455556666/eu-west-1/Default").map(\.key) == [b.key])
        #expect(state.vaults(named: "999999999999/eu-west-1/Default").isEmpty)
        #expect(state.accountIds == ["111122223333", "444455556666"])
        #expect(state.regions == ["eu-west-1", "us-east-1"])
        #expect(state.spansAccountsOrRegions)
        state.apply(.vaultRemoved(b.key, at: Fixture.now))
        #expect(state.vaults(named: "Default").map(\.key) == [a.key])
        #expect(state.points(in: a.key).count == 1)
    }

    @Test func legacyRecordsBelongToTheHomeAccountAndRegion() {
        var state = AccountState()
        var legacyPoint = Fixture.point("p1", in: "prod")
        legacyPoint.accountId = ""
        legacyPoint.region = ""
        // Read before any vault: kept under the bare name until the home is known.
        state.apply(.recoveryPoint(legacyPoint))
        #expect(state.pointsByVault.keys.map(\.isLegacy) == [true])
        state.apply(.policy(.accessPolicy(of: .legacy("prod"), document: "{}", at: Fixture.now)))

        let home = Self.vault("prod", account: "111122223333")
        state.apply(.vault(home))
        #expect(state.home == VaultKey.Home(accountId: "111122223333", region: "us-east-1"))
        #expect(state.pointsByVault.keys.sorted() == [home.key])
        #expect(state.points(in: home.key).first?.accountId == "111122223333")
        #expect(state.accessPolicies.keys.sorted() == [home.key])
        #expect(state.accessPolicies[home.key]?.accountId == "111122223333")
        #expect(state.recency.newest[home.key] != nil)

        // Another account's vault of the same name does not take the legacy records.
        state.apply(.vault(Self.vault("prod", account: "444455556666")))
        var later = Fixture.point("p2", in: "prod")
        later.accountId = ""
        later.region = ""
        state.apply(.recoveryPoint(later))
        #expect(state.points(in: home.key).count == 2)
        state.apply(.recoveryPointRemoved(arn: later.arn, vault: .legacy("prod"), at: Fixture.now))
        #expect(state.points(in: home.key).count == 1)
    }

    @Test func qualifiedNamesParseOnlyAsAccountRegionName() {
        #expect(VaultKey(qualified: "111122223333/us-east-1/WORM_vault") == VaultKey(accountId: "111122223333", region: "us-east-1", name: "WORM_vault"))
        #expect(VaultKey(qualified: "111122223333/us-east-1/a/b")?.name == "a/b")
        #expect(VaultKey(qualified: "WORM_vault") == nil)
        #expect(VaultKey(qualified: "1111/us-east-1/x") == nil)
        #expect(VaultKey(qualified: "111122223333//x") == nil)
        #expect(VaultKey.legacy("x").description == "x")
        #expect(VaultKey(accountId: "111122223333", region: "us-east-1", name: "x").description == "111122223333/us-east-1/x")
    }
}
