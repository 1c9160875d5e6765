import VaultCore

/// Room for the records of a stretch read on every core: each slice puts its records in its own
/// part (from its first line's place on, one line making one record at most), so no slice's array
/// is made and then copied into the whole's. Unsafe on purpose, and only shared by slices whose
/// parts do not overlap; whoever made it takes or drops every record put, then frees it.
struct RecordSlots: @unchecked Sendable {
    private let base: UnsafeMutablePointer<Record>

    init(capacity: Int) {
        base = .allocate(capacity: max(capacity, 1))
        HugePages.advise(UnsafeMutableRawBufferPointer(start: base, count: max(capacity, 1) * MemoryLayout<Record>.stride))
    }

    /// Puts a record in slot `i`, which is empty.
    func put(_ record: consuming Record, at i: Int) {
        (base + i).initialize(to: record)
    }

    /// Takes the record out of slot `i`, leaving it empty.
    func take(at i: Int) -> Record {
        (base + i).move()
    }

    /// Drops the records in `slots`, leaving them empty.
    func drop(_ slots: Range<Int>) {
        (base + slots.lowerBound).deinitialize(count: slots.count)
    }

    /// Frees the room, every slot empty.
    func free() {
        base.deallocate()
    }
}
