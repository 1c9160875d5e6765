/// The benchmark's own generator (SplitMix64), so a data set is a pure function of its seed and
/// never depends on the standard library's `random(in:)`, whose algorithm may change.
///
/// Every record is drawn from a generator keyed by the seed and the record's own index, so any
/// slice of a data set can be made again without making what comes before it.
public struct BenchRandom {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// A generator for one record: the seed, a stream (points, calls, …) and the record's index.
    public init(seed: UInt64, stream: UInt64, index: Int) {
        state = Self.scramble(seed ^ Self.scramble(stream &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: index)))
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.scramble(state)
    }

    static func scramble(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A whole number in `0..<bound` (bound > 0).
    public mutating func below(_ bound: Int) -> Int {
        Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(UInt64(1) << 53) < p }

    public mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// One of `items`, each as likely as its weight.
    public mutating func pick<T>(weighted items: [(T, Int)]) -> T {
        var roll = below(items.reduce(0) { $0 + $1.1 })
        for (item, weight) in items {
            if roll < weight { return item }
            roll -= weight
        }
        return items[items.count - 1].0
    }

    /// `count` lowercase hex digits.
    public mutating func hex(_ count: Int) -> String {
        var text = ""
        while text.count < count {
            let word = String(next(), radix: 16)
            text += String(repeating: "0", count: 16 - word.count) + word
        }
        return String(text.prefix(count))
    }

    /// A lowercase version-4 UUID, as AWS writes recovery point ids and CloudTrail event ids.
    public mutating func uuid() -> String {
        let h = hex(32)
        let variant = "89ab"[String.Index(utf16Offset: below(4), in: "89ab")]
        return
            "\(h.prefix(8))-\(h.dropFirst(8).prefix(4))-4\(h.dropFirst(13).prefix(3))-\(variant)\(h.dropFirst(17).prefix(3))-\(h.suffix(12))"
    }
}
