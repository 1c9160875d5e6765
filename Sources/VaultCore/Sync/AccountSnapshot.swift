import Foundation

/// Something the operator should know that is not part of the account itself: a malformed
/// store line that was skipped, a torn line set aside, a source that failed.
public struct Notice: Equatable, Sendable {
    public enum Level: String, Sendable { case info, warning, error }

    public var level: Level
    public var text: String

    public init(_ level: Level, _ text: String) {
        self.level = level
        self.text = text
    }
}

/// What the sync worker hands to the screen: an immutable copy of the account state plus the
/// notices gathered while building it.
public struct AccountSnapshot: Sendable {
    public var state: AccountState
    public var notices: [Notice]
    /// `demo`, `aws`, … (what the header calls the source).
    public var sourceName: String
    /// Whether the initial load of the store is still running.
    public var loading: Bool
    /// Whether the alerts and acknowledgements are still to be read (the vaults are shown
    /// first): their counts are not known yet.
    public var alertsLoading: Bool
    /// Set once everything but the recovery points is loaded and while the points still load in
    /// the background; nil before (nothing loaded yet) and after (everything loaded).
    public var pointsLoad: PointsLoadProgress?
    /// Increases with every published snapshot, so the screen can tell a new one from the last.
    public var generation: Int
    /// Audit-trail files whose hash chain does not verify (`alerts.jsonl`, `acks.jsonl`): the
    /// header says so on every screen until the store is repaired.
    public var brokenChains: [String] = []
    /// How each source is doing, in the order they were given: the header says when one is stale.
    public var sources: [SourceStatus] = []

    public init(
        state: AccountState = AccountState(), notices: [Notice] = [], sourceName: String = "",
        loading: Bool = false, alertsLoading: Bool = false, pointsLoad: PointsLoadProgress? = nil,
        generation: Int = 0, brokenChains: [String] = [], sources: [SourceStatus] = []
    ) {
        self.state = state
        self.notices = notices
        self.sourceName = sourceName
        self.loading = loading
        self.alertsLoading = alertsLoading
        self.pointsLoad = pointsLoad
        self.generation = generation
        self.brokenChains = brokenChains
        self.sources = sources
    }
}
