import Foundation
import VaultBench
import VaultCore

/// The generated data a run measures, made once per seed and size and cached under
/// `.build/bench-data`.
struct Datasets {
    struct Account {
        var spec: DatasetSpec
        var directory: URL
        /// Set when the store was generated in this run.
        var written: DatasetWriter.Report?
    }

    var large: Account
    var typical: Account
    /// The calls as EventBridge delivers them, one per line, and the alert rule's pattern.
    var events: URL
    var pattern: URL
    var seed: UInt64

    static func prepare(seed: UInt64, sizes: Sizes, regenerate: Bool) throws -> Datasets {
        let fm = FileManager.default
        try? fm.removeItem(at: Paths.scratch)
        try fm.createDirectory(at: Paths.scratch, withIntermediateDirectories: true)
        let large = try store(
            DatasetSpec(seed: seed, points: sizes.points, vaults: sizes.vaults, calls: sizes.calls), regenerate)
        let typical = try store(
            DatasetSpec(
                seed: seed, points: sizes.typicalPoints, vaults: sizes.typicalVaults, calls: sizes.typicalCalls),
            regenerate)

        // The event stream uses the large store's generator, so its calls name real points.
        let events = Paths.data.appendingPathComponent("events-\(large.spec.key)-n\(sizes.matchEvents).jsonl")
        if regenerate || !fm.fileExists(atPath: events.path) {
            Progress.say("generating \(sizes.matchEvents) EventBridge events")
            try DatasetWriter(large.spec).writeEvents(count: sizes.matchEvents, to: events)
        }
        let pattern = Paths.data.appendingPathComponent("alert-rule-pattern.json")
        guard let rule = AlertRule.seed(account: AccountGenerator.account).pattern else {
            throw BenchError("the seed alert rule has no event pattern")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(rule.json).write(to: pattern, options: .atomic)
        return Datasets(large: large, typical: typical, events: events, pattern: pattern, seed: seed)
    }

    /// The cached store of `spec`, generated first when missing, incomplete or unwanted.
    private static func store(_ spec: DatasetSpec, _ regenerate: Bool) throws -> Account {
        let fm = FileManager.default
        let folder = Paths.data.appendingPathComponent(spec.key, isDirectory: true)
        let directory = folder.appendingPathComponent("store", isDirectory: true)
        let complete = folder.appendingPathComponent("complete")
        if !regenerate, fm.fileExists(atPath: complete.path) {
            return Account(spec: spec, directory: directory)
        }
        try? fm.removeItem(at: folder)
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        Progress.say(
            "generating \(spec.points) recovery points in \(spec.vaults) vaults and \(spec.calls) calls (seed \(spec.seed))"
        )
        let report = try DatasetWriter(spec).write(to: directory)
        Progress.say(
            "  \(report.points) points, \(report.calls) calls, \(report.alerts) alerts, \(report.acknowledgements) acknowledgements"
        )
        try Data("\(spec.key)\n".utf8).write(to: complete)
        return Account(spec: spec, directory: directory, written: report)
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// One line on stderr per step, so a long run shows where it is.
enum Progress {
    static func say(_ text: String) {
        FileHandle.standardError.write(Data("vaultwatch-bench: \(text)\n".utf8))
    }
}
