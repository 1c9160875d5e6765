import AWSClient
import Foundation
import VaultCore
import VaultDemo

/// A local AWS Backup endpoint over a `DemoBackend`, with CloudTrail's LookupEvents on the same
/// port. Every request is checked as AWS checks it, in AWS's order: the SigV4 signature against
/// the keys of the known principals (wall clock, 15 minutes of skew), then the vault access policy
/// and the SCPs for the signing principal (`PolicyEnforcement`), then the Vault Lock rules (the
/// backend's). Every Backup call, allowed or refused, is recorded as a CloudTrail event.
///
/// `handle` may be called from any number of threads: each Backup call runs with the backend's
/// lock held, together with the collection of the records it produced.
public final class Emulator: @unchecked Sendable {
    public let backend: DemoBackend
    public let principals: [EmulatorPrincipal]
    public let clock: EmulatorClock
    public let trail: CloudTrailLog
    /// The customer managed keys KMS knows besides those the vaults name (the demo's, with aliases).
    public let keys: [DemoKey]
    let store: EmulatorStore?
    let router = BackupRouter()
    let lookupLimit = LookupRateLimit()
    let verifier: SigV4Verifier
    private let byKey: [String: EmulatorPrincipal]
    /// Guards `organizationState`, `rulesState` and `enforcementState`.
    let policyLock = NSLock()
    var organizationState: EmulatorOrganization
    var rulesState: EventRules
    var enforcementState: PolicyEnforcement
    let saveLock = NSLock()
    private var lastExpiry: Date?
    /// Wall seconds a job runs before it completes or fails.
    public let jobSeconds: TimeInterval

    /// An emulator over `backend` (empty or restored), knowing `principals`, in `organization` (the
    /// demo's, `FullAWSAccess` alone at each level, unless given), with the EventBridge `rules` of
    /// its default bus and the customer managed `keys` KMS knows besides those its vaults name,
    /// keeping the newest `trailCapacity` CloudTrail events in memory.
    public init(
        backend: DemoBackend, principals: [EmulatorPrincipal], clock: EmulatorClock,
        organization: EmulatorOrganization = .demo(), rules: EventRules = EventRules(), keys: [DemoKey] = [],
        trail: [TrailEvent] = [], store: EmulatorStore? = nil, trailFile: FileHandle? = nil, jobSeconds: TimeInterval = 2,
        trailCapacity: Int = CloudTrailLog.defaultCapacity
    ) {
        self.backend = backend
        self.principals = principals
        self.clock = clock
        self.store = store
        self.jobSeconds = jobSeconds
        self.keys = keys
        self.trail = CloudTrailLog(events: trail, file: trailFile, capacity: trailCapacity)
        organizationState = organization
        rulesState = rules
        enforcementState = PolicyEnforcement(organization: organization)
        var byKey: [String: EmulatorPrincipal] = [:]
        for principal in principals { byKey[principal.accessKeyId] = principal }
        self.byKey = byKey
        let secrets = byKey.mapValues(\.secretAccessKey)
        verifier = SigV4Verifier(service: nil) { secrets[$0] }
        backend.jobDuration = jobSeconds * clock.speed
        backend.authorizer = enforcementState
    }

    /// The emulator kept in `store`: its account, organization, rules, clock and CloudTrail events as
    /// the last run left them, or a new, empty account of the demo's id and region with new keys.
    public convenience init(store: EmulatorStore, speed: Double = 1, jobSeconds: TimeInterval = 2) throws {
        try store.prepare()
        let principals = try store.principals()
        let state = try store.loadState()
        let backend =
            state.map { DemoBackend(restoring: $0.account, guardrail: .none) }
            ?? DemoBackend(accountId: DemoAccount.accountId, region: DemoAccount.region, guardrail: .none)
        self.init(
            backend: backend, principals: principals,
            clock: EmulatorClock(offset: state?.clockOffset ?? 0, speed: speed),
            organization: state?.restoredOrganization ?? .demo(), rules: state?.eventRules ?? EventRules(),
            trail: try store.loadTrail(), store: store, trailFile: try store.openTrailForAppending(), jobSeconds: jobSeconds)
        save()
    }

    public func principal(named name: String) -> EmulatorPrincipal? { principals.first { $0.name == name } }

    // MARK: - Requests

    public func handle(_ request: HTTPRequest) -> HTTPResponse {
        if request.path.hasPrefix(AdminRoutes.prefix) { return AdminRoutes(emulator: self).handle(request) }
        let target = request.headers["X-Amz-Target"]
        let atRoot = request.method == "POST" && request.path == "/"
        let isQuery = atRoot && target == nil
            && (request.headers["Content-Type"] ?? "").hasPrefix("application/x-www-form-urlencoded")
        do throws(ServiceError) {
            if atRoot, let target { return try jsonService(request, target: target) }
            let (principal, accessKey) = try authenticate(request, service: isQuery ? "sts" : "backup")
            if isQuery { return try STSIdentity.answer(request, principal: principal) }
            return try backup(request, principal: principal, accessKey: accessKey)
        } catch {
            return error.response(json11: target != nil)
        }
    }

    /// The principal whose keys signed `request`, or AWS's refusal.
    func authenticate(_ request: HTTPRequest, service: String, region expected: String? = nil) throws(ServiceError)
        -> (EmulatorPrincipal, String)
    {
        let expected = expected ?? backend.region
        switch verifier.verify(request, now: Date()) {
        case .refused(let refusal):
            throw ServiceError(refusal.code.rawValue, refusal.message, status: refusal.status)
        case .valid(let accessKeyId, let region, let scopeService, _):
            guard scopeService == service else {
                throw ServiceError(
                    "InvalidSignatureException", "Credential should be scoped to correct service: '\(service)'.",
                    status: 403)
            }
            guard region == expected else {
                throw ServiceError(
                    "InvalidSignatureException",
                    "Credential should be scoped to a valid region: this endpoint serves \(expected), not \(region).",
                    status: 403)
            }
            guard let principal = byKey[accessKeyId] else {
                throw ServiceError("InvalidClientTokenId", "The security token included in the request is invalid.", status: 403)
            }
            return (principal, accessKeyId)
        }
    }

    private func backup(_ request: HTTPRequest, principal: EmulatorPrincipal, accessKey: String) throws(ServiceError)
        -> HTTPResponse
    {
        let match: BackupRouteMatch
        switch router.match(method: request.method, path: request.path) {
        case .matched(let found): match = found
        case .wrongMethod:
            throw ServiceError("UnknownOperationException", "No operation of AWS Backup is \(request.method) \(request.path).", status: 404)
        case .unknown:
            throw ServiceError("UnknownOperationException", "No operation of AWS Backup answers \(request.path).", status: 404)
        case .badLabel(let label):
            throw .invalidParameter("The \(label) in the path is not valid percent-encoded UTF-8.")
        }
        let origin = CallOrigin(
            sourceIPAddress: "127.0.0.1", userAgent: request.headers["User-Agent"] ?? CallOrigin.cli.userAgent)
        let service = BackupService(backend: backend)
        let outcome: Result<Data, ServiceError>
        let records: [Record]
        let earlier: [Record]
        (outcome, records, earlier) = backend.exclusively {
            // What others did on the backend since (an in-process driver's own calls) is theirs.
            let earlier = backend.drainRecords()
            let now = clock.now
            expireIfDue(at: now)
            let result: Result<Data, ServiceError>
            do throws(ServiceError) {
                let call = try BackupCall(match, request: request, principal: principal.principal, origin: origin, now: now)
                result = .success(try service.handle(call))
            } catch {
                result = .failure(error)
            }
            return (result, backend.drainRecords(), earlier)
        }
        absorb(earlier)
        record(records, accessKey: accessKey)
        let body = try outcome.get()
        var headers: HTTPHeaders = ["x-amzn-RequestId": UUID().uuidString.lowercased()]
        if !body.isEmpty { headers.add("Content-Type", "application/json") }
        return HTTPResponse(status: 200, headers: headers, body: body)
    }

    /// AWS Backup expires points and moves them to cold storage on its own; here at most once a
    /// wall second, before a call.
    private func expireIfDue(at now: Date) {
        let wall = Date()
        if let lastExpiry, wall.timeIntervalSince(lastExpiry) < 1 { return }
        lastExpiry = wall
        backend.expire(at: now)
        backend.moveToColdStorage(at: now)
    }

    /// Keeps records of calls made on the backend directly (not through this endpoint: AWS Backup's
    /// own doing, or an in-process driver's) as CloudTrail events without an access key.
    public func absorb(_ records: [Record]) { record(records, accessKey: nil) }

    /// Keeps the calls as CloudTrail events, and saves the account when anything else changed.
    func record(_ records: [Record], accessKey: String?) {
        guard !records.isEmpty else { return }
        var events: [TrailEvent] = []
        var changed = false
        for record in records {
            if case .call(let call) = record {
                events.append(TrailEvent(call: call, accessKeyId: accessKey, readOnly: TrailEvent.isReadOnly(call.action)))
            } else {
                changed = true
            }
        }
        trail.append(events)
        if changed { save() }
    }
}
