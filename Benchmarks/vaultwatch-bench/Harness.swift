import Foundation

/// Runs every figure in turn and gathers the table.
struct Harness {
    let data: Datasets
    let sizes: Sizes
    /// The figures to measure; empty for all.
    let figures: Set<Int>

    private func wants(_ figure: Int) -> Bool { figures.isEmpty || figures.contains(figure) }

    func run() throws -> Table {
        var table = Table()
        let orjson = Peer.pythonHas("orjson")
        let moto = Peer.pythonHas("moto")
        if wants(1) { try LoadFigure.measure(data.large, orjson: orjson, rounds: sizes.rounds, into: &table) }
        if wants(2) { try MemoryFigure.measure(data.large, orjson: orjson, rounds: sizes.rounds, into: &table) }
        if wants(3) { try FirstFrameFigure.measure(large: data.large, typical: data.typical, rounds: sizes.rounds, into: &table) }
        if wants(4) { try AckFigure.measure(count: sizes.acknowledgements, rounds: sizes.rounds, into: &table) }
        if wants(5) { try BulkAppendFigure.measure(data.large.spec, count: sizes.bulkPoints, rounds: sizes.rounds, into: &table) }
        if wants(6) { try MatchFigure.measure(data, count: sizes.matchEvents, rounds: sizes.rounds, moto: moto, into: &table) }
        if wants(7) { try EndpointFigure.measure(points: sizes.points, vaults: sizes.vaults, seed: data.seed, into: &table) }
        if (8...11).contains(where: wants) { try DashboardFigures.measure(data, sizes: sizes, into: &table) }
        if wants(12) { try CommandsFigure.measure(data, rounds: sizes.rounds, orjson: orjson, into: &table) }
        table.notes.append(
            "figures 1 to 6 and 12: \(sizes.rounds) interleaved rounds of vaultwatch and its peer (A B A B …); a value is the median"
                + " (min–max) of its side's rounds, and the ratio and the verdict are on the medians; figure 7 is one run, the"
                + " dashboard's figures are measured as their notes say")
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
