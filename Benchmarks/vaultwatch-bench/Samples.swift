/// One side of a figure over its rounds: the verdict is on the median, and the spread is shown.
struct Samples {
    private(set) var values: [Double] = []

    mutating func add(_ value: Double) { values.append(value) }

    var isEmpty: Bool { values.isEmpty }

    /// The middle value (the mean of the two middle ones for an even count); NaN when empty.
    var median: Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }

    var min: Double { values.min() ?? .nan }
    var max: Double { values.max() ?? .nan }

    /// `median unit (min–max)`, each number written by `format`.
    func spread(_ unit: String, _ format: (Double) -> String) -> String {
        let value = format(median) + (unit.isEmpty ? "" : " \(unit)")
        return values.count < 2 ? value : "\(value) (\(format(min))–\(format(max)))"
    }
}

/// An amount per second over rounds, by the wall clock and per CPU-second.
struct Throughput {
    var rate = Samples()
    var cpuRate = Samples()

    mutating func add(_ amount: Double, _ spent: Spent) {
        rate.add(amount / spent.seconds)
        cpuRate.add(amount / spent.cpuSeconds)
    }
}
