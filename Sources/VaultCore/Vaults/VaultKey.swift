/// What identifies a vault: the account and region it lives in, and its name. One store can hold
/// the vaults of several accounts and regions, and two of them may share a name (every member
/// account can have a `Default` vault), so a name alone identifies nothing.
///
/// A key with an empty account and region is a *legacy* key: records written before stores held
/// several accounts (schema 1 and 2) named their vault only. `AccountState` resolves such a key to
/// the one vault of that name, which is what it meant when it was written.
public struct VaultKey: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var accountId: String
    public var region: String
    public var name: String

    public init(accountId: String, region: String, name: String) {
        self.accountId = accountId
        self.region = region
        self.name = name
    }

    /// Where a store's vaults were before it held several accounts and regions: the account and
    /// region a legacy key's vault is in.
    public struct Home: Hashable, Sendable {
        public var accountId: String
        public var region: String

        public init(accountId: String, region: String) {
            self.accountId = accountId
            self.region = region
        }

        public func vault(named name: String) -> VaultKey { VaultKey(accountId: accountId, region: region, name: name) }
    }

    /// A key that names a vault without saying where it is (a record from before schema 3).
    public static func legacy(_ name: String) -> VaultKey { VaultKey(accountId: "", region: "", name: name) }

    public var isLegacy: Bool { accountId.isEmpty && region.isEmpty }

    /// `111122223333/us-east-1/WORM_vault`: how the CLI and the notices name a vault when the name
    /// alone would be ambiguous. `--vault` accepts this form too.
    public var description: String { isLegacy ? name : "\(accountId)/\(region)/\(name)" }

    /// By name first (what an operator reads), then account and region.
    public static func < (a: VaultKey, b: VaultKey) -> Bool {
        (a.name, a.accountId, a.region) < (b.name, b.accountId, b.region)
    }

    /// `ACCOUNT/REGION/NAME` → a key; anything else → nil (a bare name is looked up by name).
    public init?(qualified text: String) {
        let parts = text.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 12, parts[0].allSatisfy(\.isASCIIDigit), !parts[1].isEmpty,
            !parts[2].isEmpty
        else { return nil }
        self.init(accountId: String(parts[0]), region: String(parts[1]), name: String(parts[2]))
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
