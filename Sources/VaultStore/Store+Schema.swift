extension Store {
    /// Reads every file of the store and throws `StoreError.newerSchema` at a line a newer
    /// vaultwatch wrote, having changed nothing. A command that writes (a compaction, a repair, a
    /// digest) calls it before its first change, so a store it cannot fully read is left
    /// byte for byte as it was.
    public func requireReadableSchemas() throws {
        _ = try loadAccount()
    }
}
