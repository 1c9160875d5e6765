import Foundation
import VaultCore

/// The simulated AWS Backup service of one account and region: vaults with their Vault Lock,
/// recovery points, access policies, and an SCP-like guardrail. Operations are named like the
/// API, take the calling principal and `now`, and answer a payload or a `BackupServiceError`.
/// Each records one CloudTrail-like `ApiCall` plus the records of what it changed; whoever
/// drives the backend (the demo source, later an HTTP front end) collects them with
/// `drainRecords()`.
///
/// Authorization comes first, as in AWS: a call another account may not make, or one the
/// guardrail denies, gets `AccessDenied` before any lock rule is asked. Every lock decision is
/// `VaultLockRules`'s; a refusal becomes `InvalidRequestException` carrying the rule's reason.
///
/// Deterministic: the same calls at the same instants give the same records, ids included.
///
/// Safe to call from any thread: every public operation and accessor takes the backend's own
/// (recursive) lock, so calls are serialised in the order they take it. A caller that needs
/// several calls to happen with nothing in between (an operation and the `drainRecords()` that
/// collects its records) wraps them in `exclusively { }`.
public final class DemoBackend: @unchecked Sendable {
    public let accountId: String
    public let region: String
    public let guardrail: DemoGuardrail

    var holdings: [String: DemoVaultHoldings] = [:]
    var resources: [String: ProtectedResource] = [:]
    /// Every backup and copy job, by id, and the order they were started in.
    var jobs: [String: DemoJob] = [:]
    var jobOrder: [String] = []
    /// Jobs still running, settled by `settle(at:)` once their time has come.
    var pendingJobIds: [String] = []
    /// Idempotency tokens of StartBackupJob/StartCopyJob and the job each started.
    var jobsByToken: [String: String] = [:]
    var plans: [String: DemoBackupPlan] = [:]
    var planOrder: [String] = []
    private var journal: [Record] = []
    var keyInstant: Date?
    var keyOrdinal = 0
    private let lock = NSRecursiveLock()

    /// How long a job runs before it completes or fails, in the backend's time. Zero (the demo's)
    /// settles a job within the call that starts it.
    public var jobDuration: TimeInterval {
        get { exclusively { storedJobDuration } }
        set { exclusively { storedJobDuration = newValue } }
    }
    private var storedJobDuration: TimeInterval = 0
    /// `jobDuration` for code that already holds the lock.
    var jobDurationHeld: TimeInterval { storedJobDuration }

    /// Who may call what. Nil: the `guardrail` and the cross-account rule below, as the demo has
    /// always judged; an HTTP front end installs the IAM evaluator over the vault access policies
    /// and SCPs instead.
    public var authorizer: (any BackupAuthorizer)? {
        get { exclusively { storedAuthorizer } }
        set { exclusively { storedAuthorizer = newValue } }
    }
    private var storedAuthorizer: (any BackupAuthorizer)?

    /// What a principal of another account may call here: a copy its backup plan sends into a
    /// vault (the vault access policy allows the organisation to `CopyIntoBackupVault`).
    static let crossAccountActions: Set<String> = ["CopyIntoBackupVault"]

    /// An account with no vaults yet.
    public init(accountId: String, region: String, guardrail: DemoGuardrail) {
        self.accountId = accountId
        self.region = region
        self.guardrail = guardrail
    }

    /// An account rebuilt from what the store holds: its vaults (with their locks) and their
    /// recovery points, in the order the store keeps them. Access policies and notification
    /// settings are not in the store; the driver installs them again.
    public convenience init(
        restoring state: AccountState, accountId: String, region: String, guardrail: DemoGuardrail
    ) {
        self.init(accountId: accountId, region: region, guardrail: guardrail)
        for vault in state.sortedVaults {
            var holding = DemoVaultHoldings(vault: vault, creatorRequestId: nil)
            for point in state.points(in: vault.key) { holding.put(point) }
            holdings[vault.name] = holding
        }
    }

    // MARK: - What the driver sees without making a call

    /// Runs `body` with the backend's lock held, so that nothing else happens between the calls
    /// it makes. Re-entrant: the operations inside take the same lock again.
    public func exclusively<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// The records produced since the last drain, in the order they happened.
    public func drainRecords() -> [Record] {
        exclusively {
            defer { journal.removeAll(keepingCapacity: true) }
            return journal
        }
    }

    public var vaultNames: [String] { exclusively { holdings.keys.sorted() } }

    public func vault(named name: String) -> Vault? { exclusively { holdings[name]?.vault } }

    /// A vault's recovery points in arrival order.
    public func points(in vaultName: String) -> [RecoveryPoint] { exclusively { holdings[vaultName]?.points ?? [] } }

    public func recoveryPoint(arn: String, in vaultName: String) -> RecoveryPoint? {
        exclusively { holdings[vaultName]?.point(arn: arn) }
    }

    public var pointCount: Int { exclusively { holdings.values.reduce(0) { $0 + $1.points.count } } }

    public func vaultArn(_ name: String) -> String { "arn:aws:backup:\(region):\(accountId):backup-vault:\(name)" }

    /// A vault of this account and region, by name.
    public func key(_ name: String) -> VaultKey { VaultKey(accountId: accountId, region: region, name: name) }

    /// Makes a resource known, so backups of it carry its name and size.
    public func register(_ resource: ProtectedResource) { exclusively { resources[resource.arn] = resource } }

    /// Sets a vault's access policy without a call: provisioning, e.g. after a restore.
    public func installAccessPolicy(_ policy: String, on vaultName: String) {
        exclusively { holdings[vaultName]?.accessPolicy = policy }
    }

    /// A vault's access policy as last put, without a call.
    public func accessPolicy(of vaultName: String) -> String? { exclusively { holdings[vaultName]?.accessPolicy } }

    // MARK: - Shared by the operations

    func emit(_ record: Record) { journal.append(record) }

    /// A key unique among this backend's calls: the instant in milliseconds and a count of the
    /// keys already taken at that instant. Ids built from it are the same on every replay.
    /// Calls are told apart by their millisecond and an ordinal within it: two calls at different
    /// instants of the same millisecond (an emulator answers a call in well under one) share the
    /// millisecond, so the ordinal counts on. After a clock that stepped back the ordinal counts on
    /// within the latest millisecond used, so no key is ever given twice.
    func nextKey(at now: Date) -> String {
        if let keyInstant, DemoIds.milliseconds(now) <= DemoIds.milliseconds(keyInstant) {
            keyOrdinal += 1
            return "\(DemoIds.millis(keyInstant)).\(keyOrdinal)"
        }
        keyInstant = now
        keyOrdinal = 0
        return "\(DemoIds.millis(now)).\(keyOrdinal)"
    }

    /// Runs one API call: authorization first, then `body`; records the call either way.
    func perform<T>(
        _ action: String, by principal: Principal, from origin: CallOrigin, at now: Date,
        vault vaultName: String? = nil, point pointArn: String? = nil,
        _ body: () throws(BackupServiceError) -> T
    ) -> Result<T, BackupServiceError> {
        lock.lock()
        defer { lock.unlock() }
        settle(at: now)
        let key = nextKey(at: now)
        let result: Result<T, BackupServiceError>
        if let denial = authorize(action, by: principal, on: vaultName, point: pointArn) {
            result = .failure(denial)
        } else {
            do {
                result = .success(try body())
            } catch {
                result = .failure(error)
            }
        }
        var failure: BackupServiceError?
        if case .failure(let error) = result { failure = error }
        let call = ApiCall(
            id: DemoIds.uuid(["event", accountId, region, key, action, principal.arn, vaultName ?? "", pointArn ?? ""]),
            time: now, action: action, principal: principal, sourceIPAddress: origin.sourceIPAddress,
            userAgent: origin.userAgent, vaultName: vaultName, recoveryPointArn: pointArn,
            errorCode: failure?.code, errorMessage: failure?.message, accountId: accountId, region: region)
        emit(.call(call))
        return result
    }

    /// `AccessDenied` when `principal` may not call `action` here: the `authorizer`'s answer when
    /// one is installed; else a principal of another account outside the cross-account actions,
    /// or a denial by the guardrail.
    func authorize(_ action: String, by principal: Principal, on vaultName: String?, point pointArn: String?)
        -> BackupServiceError?
    {
        let resource = vaultName.map(vaultArn) ?? "arn:aws:backup:\(region):\(accountId):*"
        if let storedAuthorizer {
            let request = BackupAuthorizationRequest(
                action: action, principal: principal, accountId: accountId, region: region, vaultName: vaultName,
                vaultArn: vaultName.map(vaultArn), recoveryPointArn: pointArn,
                accessPolicy: vaultName.flatMap { holdings[$0]?.accessPolicy })
            return storedAuthorizer.denial(of: request)
        }
        if principal.kind != .awsService, principal.accountId != accountId,
            !Self.crossAccountActions.contains(action)
        {
            return .accessDenied(
                "User: \(principal.arn) is not authorized to perform: backup:\(action) on resource: \(resource) "
                    + "because no resource-based policy allows the backup:\(action) action")
        }
        if let vaultName,
            case .refused(let why) = guardrail.verdict(for: action, by: principal, on: vaultName, vaultArn: resource)
        {
            return .accessDenied(why)
        }
        return nil
    }

    func requireVault(_ name: String) throws(BackupServiceError) -> DemoVaultHoldings {
        guard let holding = holdings[name] else {
            throw .resourceNotFound("Backup vault \(name) does not exist in account \(accountId) (\(region)).")
        }
        return holding
    }

    func requirePoint(_ arn: String, in holding: DemoVaultHoldings) throws(BackupServiceError) -> RecoveryPoint {
        guard let point = holding.point(arn: arn) else {
            throw .resourceNotFound("Recovery point \(arn) does not exist in backup vault \(holding.vault.name).")
        }
        return point
    }

    func requireValid(_ lifecycle: Lifecycle) throws(BackupServiceError) {
        if case .refused(let why) = lifecycle.validity { throw .invalidParameterValue(why) }
    }

    /// The vault holding the point with this ARN, if any.
    func vaultName(holding pointArn: String) -> String? {
        vaultNames.first { holdings[$0]?.point(arn: pointArn) != nil }
    }
}
