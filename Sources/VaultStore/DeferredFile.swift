import VaultCore

/// A file that a staged first read (`StoreTail.pollDeferringBulk`) left for
/// `StoreTail.readDeferred`: a vault's points file, or an activity log (events, jobs), which
/// grow without bound; when asked, the audit files too (alerts, acks). Its size is as listed,
/// for a progress indicator.
public struct DeferredFile: Sendable, Hashable {
    /// `points/prod.jsonl`, `events.jsonl`
    public let relativePath: String
    public let size: Int

    /// Whether this is an audit file (`alerts.jsonl`, `acks.jsonl`), deferred only when asked.
    public var isAuditFile: Bool { StoreFile.audit.contains(StoreFile.named(relativePath)) }

    /// Whether this is a vault's points file (not an activity log).
    public var isPoints: Bool { StoreFile.named(relativePath).isPoints }

    /// Whether `vault`'s recovery points are kept in this file: its own, or the file named after
    /// its name alone that a store from before schema 3 wrote.
    public func holds(vault: VaultKey) -> Bool {
        StoreFile.points(vault: vault).relativePath == relativePath
            || StoreFile.points(vault: .legacy(vault.name)).relativePath == relativePath
    }
}
