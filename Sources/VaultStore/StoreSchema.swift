/// The version of the line format. Every line carries the version it was written with; this
/// vaultwatch writes `current` and reads `oldestReadable...current`. A line from a newer version
/// stops the load (`StoreError.newerSchema`) rather than being misread. Upgrades of older lines
/// happen where `RecordCodec.record(_:schema:in:)` decodes a line's data.
public enum StoreSchema {
    public static let current = 1
    public static let oldestReadable = 1
}
