/// Strings told apart by their UTF-8 bytes alone (as `EventPatternBytes` compares them), in an open-addressed
/// table hashed over those bytes: a lookup hashes the event's string eight bytes at a time (`ByteHash`) rather
/// than as `String` hashes (normalised, SipHash), and compares bytes only with an entry of the same hash.
struct EventPatternStringSet: Sendable {
    /// Byte-distinct strings, each once.
    private let strings: [String]
    /// A power of two number of slots, at most half full: 1 + the index in `strings` of the string hashed
    /// there, or 0 for an empty slot.
    private let slots: [Int32]
    /// Beside each slot, the full hash of its string, compared before its bytes are.
    private let hashes: [UInt64]

    init(_ values: [String]) {
        var strings: [String] = []
        var size = 8
        while size < 2 * values.count { size *= 2 }
        var slots = [Int32](repeating: 0, count: size)
        var hashes = [UInt64](repeating: 0, count: size)
        for value in values {
            let hash = Self.hash(value)
            var slot = Int(truncatingIfNeeded: hash) & (size - 1)
            var present = false
            while slots[slot] != 0 {
                if hashes[slot] == hash, EventPatternBytes.equal(strings[Int(slots[slot]) - 1], value) {
                    present = true
                    break
                }
                slot = (slot + 1) & (size - 1)
            }
            guard !present else { continue }
            strings.append(value)
            slots[slot] = Int32(strings.count)
            hashes[slot] = hash
        }
        self.strings = strings
        self.slots = slots
        self.hashes = hashes
    }

    var isEmpty: Bool { strings.isEmpty }

    func contains(_ text: String) -> Bool {
        EventPatternBytes.withBytes(text) { bytes in
            let hash = ByteHash.hash(UnsafeRawBufferPointer(bytes))
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: hash) & mask
            while true {
                let entry = Int(slots[slot])
                if entry == 0 { return false }
                if hashes[slot] == hash {
                    let found = EventPatternBytes.withBytes(strings[entry - 1]) { candidate in
                        candidate.count == bytes.count && EventPatternBytes.same(candidate, bytes, count: bytes.count)
                    }
                    if found { return true }
                }
                slot = (slot + 1) & mask
            }
        }
    }

    private static func hash(_ text: String) -> UInt64 {
        EventPatternBytes.withBytes(text) { ByteHash.hash(UnsafeRawBufferPointer($0)) }
    }
}
