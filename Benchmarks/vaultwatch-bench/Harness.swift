import Foundation

/// Runs every figure in turn and gathers the table.
struct Harness {
    let data: Datasets
    let sizes: Sizes

    func run() throws -> Table {
        var table = Table()
        let orjson = Peer.pythonHas("orjson")
        let moto = Peer.pythonHas("moto")
        try LoadFigure.measure(data.large, orjson: orjson, into: &table)
        try MemoryFigure.measure(data.large, orjson: orjson, into: &table)
        try FirstFrameFigure.measure(large: data.large, typical: data.typical, into: &table)
        try AckFigure.measure(count: sizes.acknowledgements, into: &table)
        try BulkAppendFigure.measure(data.large.spec, count: sizes.bulkPoints, rounds: sizes.rounds, into: &table)
        try MatchFigure.measure(data, count: sizes.matchEvents, rounds: sizes.rounds, moto: moto, into: &table)
        try EndpointFigure.measure(points: sizes.points, vaults: sizes.vaults, seed: data.seed, into: &table)
        try DashboardFigures.measure(data, sizes: sizes, into: &table)
        table.notes.append(
            "figures 5 and 6: the best of \(sizes.rounds) rounds, for vaultwatch and its peer alike; the others are one run"
        )
        if let written = data.large.written {
            table.notes.append(
                "generating the large store appended \(Format.rate(Double(written.points) / written.pointSeconds, unit: " points"))"
                    + " in batches of 10,000")
        }
        table.notes.append(Machine.describe(seed: data.seed, sizes: sizes))
        return table
    }
}

/// What the figures were measured on.
enum Machine {
    static func describe(seed: UInt64, sizes: Sizes) -> String {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model =
            cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
            .map { $0.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "" }
            ?? "unknown CPU"
        let date = ISO8601DateFormatter().string(from: Date())
        // Other work on the machine moves the figures: say how busy it was.
        let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").first ?? "?"
        return
            "machine: \(ProcessInfo.processInfo.activeProcessorCount) cores, \(model), load average \(load), \(date); seed \(seed),"
            + " \(Format.grouped(sizes.points)) points in \(sizes.vaults) vaults, \(Format.grouped(sizes.calls)) calls"
    }
}
