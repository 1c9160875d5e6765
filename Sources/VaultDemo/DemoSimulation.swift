import Foundation
import VaultCore

/// The embedded demo account driven through simulated time: seeds the central backup account of
/// the seeds (or resumes it from what a store holds) and plays its activity — plan runs, admins'
/// chores, outsiders' attempts — on a `DemoBackend`. Deterministic: the same seed and the same
/// `start`/`play` instants give the same records.
///
/// Time only moves forward. Plan runs happen at their scheduled instants, chance events in
/// 5-minute steps. A huge jump stays bounded: chance events are played for the last simulated day
/// only, and plan runs only when their points are still kept at `now`, so after any jump the
/// vaults hold what they would have held, while the work is at most about one seeding.
///
/// Used from one thread at a time (its driver's); the backend it drives serialises its own calls,
/// so a server may serve that backend from other threads meanwhile.
public final class DemoSimulation {
    public let accountId = DemoAccount.accountId
    public let region = DemoAccount.region
    public let seed: UInt64
    /// The simulated service, once started.
    public private(set) var backend: DemoBackend?
    /// How the people's calls (outsiders' attempts, admins' chores) reach the service: nil, the
    /// backend directly; an HTTP driver makes them signed calls to an emulator serving `backend`.
    /// Plan runs, copies sent in and expiry stay AWS Backup's own doing, on the backend.
    public var caller: (any DemoCaller)?

    public static let defaultSeed: UInt64 = 0x5EED_BAC0
    /// The longest stretch of simulated time one play runs chance events for.
    public static let maxSpanPerPlay: TimeInterval = 86_400

    private let activity: DemoActivity
    /// Everything up to here has been played.
    private var cursor: Date?
    /// The opening acts not yet played (only after a fresh seed).
    private var opening: [DemoAct] = []
    private var openingImmediate = 0

    public init(seed: UInt64 = DemoSimulation.defaultSeed) {
        self.seed = seed
        activity = DemoActivity(seed: seed)
    }

    /// With an empty state, seeds the account as of `now` (to the whole second) and answers the
    /// seed's records; otherwise rebuilds the backend from the stored vaults, points and policies
    /// and continues from the newest instant the store holds, answering only the policies a store
    /// written by an older vaultwatch lacks.
    public func start(resuming state: AccountState, at now: Date) throws -> [Record] {
        if let foreign = state.sortedVaults.first(where: { $0.accountId != accountId }) {
            throw DemoSourceError.foreignAccount(foreign.accountId)
        }
        if state.vaults.isEmpty {
            let start = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
            let backend = DemoBackend(accountId: accountId, region: region, guardrail: DemoAccount.guardrail)
            _ = DemoAccount.provision(backend, resuming: nil, at: start)
            let records =
                DemoSeeder.seed(backend, start: start, seed: seed)
                + [DemoAccount.guardrail.record(account: accountId, at: start)]
            self.backend = backend
            cursor = start
            opening = DemoOpening.acts(start: start)
            openingImmediate = DemoOpening.immediate
            return records
        }
        let backend = DemoBackend(
            restoring: state, accountId: accountId, region: region, guardrail: DemoAccount.guardrail)
        let resumeAt = state.latestInstant ?? now
        let missing = DemoAccount.provision(backend, resuming: state, at: resumeAt)
        self.backend = backend
        cursor = resumeAt
        opening = []
        openingImmediate = 0
        return missing
    }

    /// Plays everything due by `now` and answers the records it produced, in order.
    public func play(until now: Date) throws -> [Record] {
        guard let backend, let cursor else { throw DemoSourceError.notStarted }
        var acts = dueOpeningActs(at: now)
        if now > cursor {
            acts += activity.acts(after: cursor, upTo: now, chancesAfter: now - Self.maxSpanPerPlay)
        }
        DemoAct.run(acts, on: backend, caller: caller)
        if now > cursor {
            backend.expire(at: now)
            backend.moveToColdStorage(at: now)
            self.cursor = now
        }
        return backend.drainRecords()
    }

    /// The opening acts due by `now`; the first few run now even when planned later.
    private func dueOpeningActs(at now: Date) -> [DemoAct] {
        var due: [DemoAct] = []
        var later: [DemoAct] = []
        for (i, act) in opening.enumerated() {
            if act.time <= now {
                due.append(act)
            } else if i < openingImmediate {
                due.append(DemoAct(time: now, perform: act.perform))
            } else {
                later.append(act)
            }
        }
        opening = later
        openingImmediate = 0
        return due
    }
}
