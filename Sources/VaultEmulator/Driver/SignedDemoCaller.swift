import AWSClient
import Foundation
import VaultCore
import VaultDemo

/// The demo's people making their calls as signed HTTP requests to an emulator: each call goes out
/// through `AWSClient` with the keys of the principal who makes it (admin, operator, root,
/// outsider, …), so the activity reaches the backend the way the AWS CLI would, SigV4, the
/// policies and all. The emulator stamps each call with its own clock, which the caller first moves
/// forward to the act's instant (the in-process emulator's time is the simulation's); a call by a
/// principal the emulator has no keys for is made on the backend directly.
public final class SignedDemoCaller: DemoCaller {
    let local: LocalEmulator
    private var clients: [String: AWSClient] = [:]
    /// Calls that got no HTTP answer at all (the endpoint was gone): the demo goes on without them.
    public private(set) var unanswered = 0

    public init(_ local: LocalEmulator) { self.local = local }

    public func make(_ call: DemoCall, by principal: Principal, from origin: CallOrigin, at now: Date) {
        guard let client = client(for: principal), let operation = try? Self.operation(call) else {
            local.emulator.backend.make(call, by: principal, from: origin, at: now)
            return
        }
        let clock = local.emulator.clock
        if now > clock.now { clock.set(to: now) }
        do {
            _ = try client.send(operation)
        } catch .service, .accessDenied, .throttled {
            // AWS's answer (a refusal included) is the point of the call; CloudTrail has it.
        } catch {
            unanswered += 1
        }
    }

    private func client(for principal: Principal) -> AWSClient? {
        if let known = clients[principal.arn] { return known }
        guard let member = local.emulator.principals.first(where: { $0.principal.arn == principal.arn }),
            let connection = local.connection(as: member.name), let client = try? connection.client()
        else { return nil }
        clients[principal.arn] = client
        return client
    }

    static func operation(_ call: DemoCall) throws -> AWSOperation {
        switch call {
        case .deleteRecoveryPoint(let vault, let arn): return try BackupRequest.deleteRecoveryPoint(vault: vault, arn: arn)
        case .updateRecoveryPointLifecycle(let vault, let arn, let lifecycle):
            return try BackupRequest.updateRecoveryPointLifecycle(vault: vault, arn: arn, lifecycle: lifecycle)
        case .startRestoreJob(let arn, let role):
            return try BackupRequest.startRestoreJob(recoveryPointArn: arn, iamRoleArn: role)
        case .startCopyJob(let arn, let source, let destination, let role):
            return try BackupRequest.startCopyJob(
                recoveryPointArn: arn, sourceVault: source, destinationVaultArn: destination, iamRoleArn: role)
        case .putBackupVaultAccessPolicy(let vault, let policy):
            return try BackupRequest.putBackupVaultAccessPolicy(vault, policy: policy)
        case .deleteBackupVaultAccessPolicy(let vault): return try BackupRequest.deleteBackupVaultAccessPolicy(vault)
        case .putBackupVaultLockConfiguration(let vault, let min, let max):
            return try BackupRequest.putBackupVaultLockConfiguration(
                vault, minRetentionDays: min, maxRetentionDays: max, changeableForDays: nil)
        case .deleteBackupVaultLockConfiguration(let vault):
            return try BackupRequest.deleteBackupVaultLockConfiguration(vault)
        case .deleteBackupVault(let vault): return try BackupRequest.deleteBackupVault(vault)
        case .deleteBackupVaultNotifications(let vault): return try BackupRequest.deleteBackupVaultNotifications(vault)
        case .describeBackupVault(let vault): return try BackupRequest.describeBackupVault(vault)
        case .listRecoveryPointsByBackupVault(let vault): return try BackupRequest.listRecoveryPointsByBackupVault(vault)
        case .startBackupJob(let vault, let resource, let role, let lifecycle):
            return try BackupRequest.startBackupJob(vault: vault, resourceArn: resource, iamRoleArn: role, lifecycle: lifecycle)
        }
    }
}
