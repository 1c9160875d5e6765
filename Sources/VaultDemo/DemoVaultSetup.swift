import Foundation
import VaultCore

/// How one vault of the demo account came to be, relative to the start of the demo: who created
/// it, with which key, and when its Vault Lock was put.
struct DemoVaultSetup: Sendable {
    struct Lock: Sendable {
        /// When PutBackupVaultLockConfiguration was called, relative to the start.
        var at: TimeInterval
        var minRetentionDays: Int?
        var maxRetentionDays: Int?
        var changeableForDays: Int?
    }

    var name: String
    /// The customer managed key's alias; nil for the AWS owned key.
    var keyAlias: String?
    /// When the vault was created, relative to the start.
    var created: TimeInterval
    var creator: Principal
    var lock: Lock?

    static let hour: TimeInterval = 3600
    static let day: TimeInterval = 86_400

    static let all: [DemoVaultSetup] = [
        // Deployed by the StackSet 38 days ago; locked (min 5, ChangeableForDays 3) 30 minutes
        // later, so its lock date passed 35 days ago: compliance, permanent.
        DemoVaultSetup(
            name: DemoAccount.centralVault, keyAlias: "alias/central-backup", created: -38 * day,
            creator: DemoCast.stackSet,
            lock: Lock(at: -38 * day + 0.5 * hour, minRetentionDays: 5, changeableForDays: 3)),
        // Created 9 days ago; locked 20 hours before the start with ChangeableForDays 3, min 7,
        // max 30, so the cooling-off runs until 2 days 4 hours after the start.
        DemoVaultSetup(
            name: DemoAccount.wormVault, keyAlias: "alias/worm-vault", created: -9 * day, creator: DemoCast.admin,
            lock: Lock(at: -20 * hour, minRetentionDays: 7, maxRetentionDays: 30, changeableForDays: 3)),
        // An old vault in governance mode (min 1, max 365, no lock date), AWS owned key.
        DemoVaultSetup(
            name: DemoAccount.governanceVault, keyAlias: nil, created: -400 * day, creator: DemoCast.stackSet,
            lock: Lock(at: -399 * day, minRetentionDays: 1, maxRetentionDays: 365)),
        // Made by the CI user 20 days ago: no lock, no guardrail.
        DemoVaultSetup(
            name: DemoAccount.scratchVault, keyAlias: nil, created: -20 * day, creator: DemoCast.ciDeployer, lock: nil),
    ]

    static func named(_ name: String) -> DemoVaultSetup? { all.first { $0.name == name } }

    var keyArn: String? {
        keyAlias.map { "arn:aws:kms:\(DemoAccount.region):\(DemoAccount.accountId):key/\(DemoIds.uuid(["kms", $0]))" }
    }

    /// The calls that built the vault: creation, access policy and notifications on guarded
    /// vaults, and the lock.
    func acts(start: Date) -> [DemoAct] {
        let setup = self
        let origin = DemoCast.origin(of: creator)
        var acts = [
            DemoAct(time: start + created) { backend, _, now in
                _ = backend.createBackupVault(
                    named: setup.name, encryptionKeyArn: setup.keyArn, encryptionKeyAlias: setup.keyAlias,
                    by: setup.creator, from: origin, at: now)
            }
        ]
        if DemoAccount.guardedVaults.contains(name) {
            acts.append(
                DemoAct(time: start + created + 300) { backend, _, now in
                    _ = backend.putBackupVaultAccessPolicy(
                        backupVaultName: setup.name, policy: DemoAccount.accessPolicy, by: setup.creator, from: origin,
                        at: now)
                })
            acts.append(
                DemoAct(time: start + created + 600) { backend, _, now in
                    _ = backend.putBackupVaultNotifications(
                        backupVaultName: setup.name, snsTopicArn: DemoAccount.alertTopicArn, by: setup.creator,
                        from: origin, at: now)
                })
        }
        if let lock {
            acts.append(
                DemoAct(time: start + lock.at) { backend, _, now in
                    _ = backend.putBackupVaultLockConfiguration(
                        vaultName: setup.name, minRetentionDays: lock.minRetentionDays,
                        maxRetentionDays: lock.maxRetentionDays, changeableForDays: lock.changeableForDays,
                        by: setup.creator, from: origin, at: now)
                })
        }
        return acts
    }
}
