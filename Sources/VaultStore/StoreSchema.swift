/// The version of the line format. Every line carries the version it was written with; this
/// vaultwatch writes `current` and reads `oldestReadable...current`. A line from a newer version
/// stops the load (`StoreError.newerSchema`) rather than being misread. Upgrades of older lines
/// happen in memory where `RecordCodec.record(_:schema:in:)` decodes a line's data; nothing on
/// disk is rewritten.
///
/// - 1: `{"data":{…},"schema":1,"seq":N,"type":"…"}`.
/// - 2: alerts and acks lines also carry `"prev"`, the hash of the line before them (see
///   `ChainHash`). Payloads are unchanged, so a schema-1 line reads as today's record; in a chained
///   file it is an unchained line, written before the chain existed, and the chain starts after it.
/// - 3: a store holds several accounts and regions. Recovery points, jobs, alerts, removals and
///   access policies carry their vault's `accountId` and `region`; points files are named after
///   the account, region and vault. An older payload reads as naming its vault only, and the
///   account state gives it to the one vault of that name.
public enum StoreSchema {
    public static let current = 3
    public static let oldestReadable = 1
}
