import Foundation
import VaultCore
import VaultDemo

/// Who the emulator knows: each name an operator can ask keys for, the principal a request
/// signed with those keys acts as, and the keys themselves. Kept in the store's `keys.json`
/// (mode 0600); the secrets never leave it except through `vaultwatch emulate credentials`.
public struct EmulatorPrincipal: Codable, Equatable, Sendable {
    public var name: String
    public var principal: Principal
    public var accessKeyId: String
    public var secretAccessKey: String
}

public enum EmulatorPrincipals {
    /// The demo account's cast: the vault admin, an operator who is not one, the root user, and
    /// a role of an account outside the organisation; then the others the demo's activity uses, and
    /// the read-only role vaultwatch's AWS source reads as.
    public static let cast: [(name: String, principal: Principal)] = [
        ("admin", DemoCast.admin), ("operator", DemoCast.alice), ("root", DemoCast.root),
        ("outsider", DemoCast.intruder), ("stackset", DemoCast.stackSet), ("ci-deployer", DemoCast.ciDeployer),
        ("backup-service", DemoCast.backupService),
        ("reader", reader),
    ]

    /// The read-only role vaultwatch's own AWS source reads the account as.
    public static let reader = Principal.role("VaultWatchReadOnly", session: "vaultwatch", account: DemoAccount.accountId)

    /// New keys for every member of the cast, shaped as IAM's: `AKIA` and 16 upper-case letters
    /// and digits, a 40-character secret.
    public static func generate() -> [EmulatorPrincipal] {
        var random = SystemRandomNumberGenerator()
        func draw(_ alphabet: String, _ count: Int) -> String {
            let letters = Array(alphabet)
            return String((0..<count).map { _ in letters[Int(random.next(upperBound: UInt64(letters.count)))] })
        }
        return cast.map { member in
            EmulatorPrincipal(
                name: member.name, principal: member.principal,
                accessKeyId: "AKIA" + draw("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16),
                secretAccessKey: draw("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 40))
        }
    }
}

extension EmulatorPrincipals {
    /// The region the emulated account is served in.
    public static let region = DemoAccount.region
}
