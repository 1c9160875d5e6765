import Foundation
import Synchronization
import VaultBench
import VaultCore

/// A buffer the workers of one `concurrentPerform` only read while the caller waits.
struct UncheckedSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// Figure 6: events per second through the default alert rule's EventBridge pattern on one core,
/// against moto's matcher over the same events on its one core (parsing excluded for both), in
/// interleaved rounds, also per CPU-second; beside it, every core as the sync worker raises alerts.
///
/// Events are matched as they arrive, as `vaultwatch rule test` and the sync worker match them
/// (each parsed or built, then matched at once): each batch of `batch` events is built (untimed)
/// and then matched (timed, the clocks read around each batch). moto's side is measured the same
/// way. The same events all built up front and matched one after the other, each out of cache
/// (200,000 trees of a few KB), are a second line, on both sides.
enum MatchFigure {
    /// Events built, then matched, at a time: 16 events of a few KB stay in a core's L2 cache, and
    /// the clocks read around each batch (a system call for the thread's CPU time) cost little beside them.
    static let batch = 16

    static func measure(
        _ data: Datasets, count: Int, rounds: Int, moto: PeerUnavailable?, into table: inout Table
    ) throws {
        Progress.say("figure 6: \(rounds) rounds of the alert rule's pattern over \(count) events, and of moto's")
        guard let pattern = AlertRule.seed(account: AccountGenerator.account).pattern else {
            throw BenchError("the seed alert rule has no event pattern")
        }
        // The same events the file holds for moto: both come from the generator's calls.
        let generator = AccountGenerator(data.large.spec)
        let build: @Sendable (Int) -> JSONValue = { generator.call(at: $0).eventBridgeEvent }
        let upfront = (0..<count).map(build)
        var oneCore = Throughput(), allCores = Throughput(), builtUpfront = Throughput()
        var peer = Throughput(), peerUpfront = Throughput()
        var matches = 0
        var theirMatches: Int?
        var unavailable = moto
        var version = ""
        for _ in 0..<rounds {
            let (streamed, spent) = stream(0..<count, build, pattern)
            oneCore.add(Double(count), spent)
            builtUpfront.add(Double(count), Spent.measuring { matches = upfront.count { pattern.matches($0) } })
            guard streamed == matches else { throw BenchError("matching as events arrive and up front found different events") }
            allCores.add(try everyCore(count, build, pattern, expecting: matches))
            guard unavailable == nil else { continue }
            switch Peer.python("moto_match.py", ["1", data.pattern.path, data.events.path, String(batch)]) {
            case .success(let result):
                func first(_ key: String) -> Double { (result.json[key] as? [NSNumber])?.first?.doubleValue ?? .nan }
                let events = result.number("events") ?? .nan
                peer.add(events, Spent(seconds: first("seconds"), cpuSeconds: first("cpu_seconds")))
                peerUpfront.add(events, Spent(seconds: first("upfront_seconds"), cpuSeconds: first("upfront_cpu_seconds")))
                theirMatches = result.number("matches").map { Int($0) }
                version = result.json["moto"] as? String ?? ""
            case .failure(let why):
                unavailable = why
            }
        }
        let figure = "6 event-pattern matching, one core"
        let target = "≥ 50× moto"
        let peerName = "moto EventPattern \(version)"
        if let why = unavailable {
            table.unavailable(figure, oneCore.events, target: target, peer: peerName, why, pass: nil)
        } else {
            let ratio = oneCore.rate.median / peer.rate.median
            table.add(figure, oneCore.events, target: target, peer: peerName, peer.events, ratio: ratio, pass: ratio >= 50)
            table.add(
                "    per CPU-second", oneCore.eventsPerCPU, target: "", peer: "", peer.eventsPerCPU,
                ratio: oneCore.cpuRate.median / peer.cpuRate.median, pass: nil)
            table.add(
                "  every core (raising alerts)", allCores.events, target: "", peer: "", "",
                ratio: allCores.rate.median / peer.rate.median, pass: nil)
            table.add(
                "  one core, all built up front", builtUpfront.events, target: "", peer: "moto, all parsed up front",
                peerUpfront.events, ratio: builtUpfront.rate.median / peerUpfront.rate.median, pass: nil)
            table.notes.append(
                theirMatches == matches
                    ? "matching: both matched \(Format.grouped(matches)) of \(Format.grouped(count)) events, as events arrive: "
                        + "each side builds (parses) \(batch) at a time, untimed, then matches them, timed, as `rule test` and the "
                        + "sync worker match each event once it is parsed; the last line matches all \(Format.grouped(count)) "
                        + "built up front, each out of cache; every core: each core's rate over its share, summed"
                    : "matching: vaultwatch matched \(matches) events, moto \(theirMatches ?? -1): the matchers disagree")
        }
    }

    /// `--match-events N`: the pattern over N generated events, ten times on one core as they
    /// arrive and ten times built up front, and what each spent.
    static func probe(count: Int, seed: UInt64) throws {
        guard let pattern = AlertRule.seed(account: AccountGenerator.account).pattern else {
            throw BenchError("the seed alert rule has no event pattern")
        }
        let generator = AccountGenerator(DatasetSpec(seed: seed, points: Sizes.full.points, vaults: 50, calls: count))
        let build: @Sendable (Int) -> JSONValue = { generator.call(at: $0).eventBridgeEvent }
        var streamed = Spent(seconds: 0, cpuSeconds: 0)
        var matches = 0
        for _ in 0..<10 {
            let (n, spent) = stream(0..<count, build, pattern)
            matches = n
            streamed.seconds += spent.seconds
            streamed.cpuSeconds += spent.cpuSeconds
        }
        let events = (0..<count).map(build)
        let upfront = Spent.measuring { for _ in 0..<10 { matches = events.count { pattern.matches($0) } } }
        print(
            #"{"seconds": \#(streamed.seconds), "cpu_seconds": \#(streamed.cpuSeconds), "#
                + #""upfront_seconds": \#(upfront.seconds), "upfront_cpu_seconds": \#(upfront.cpuSeconds), "#
                + #""events": \#(count * 10), "matches": \#(matches)}"#)
    }

    /// Matches events `range` as they arrive: each batch built (untimed), then matched (timed,
    /// wall-clock and this thread's CPU time). Returns the matches and the time spent matching.
    static func stream(
        _ range: Range<Int>, _ build: (Int) -> JSONValue, _ pattern: EventPattern
    ) -> (matches: Int, spent: Spent) {
        var spent = Spent(seconds: 0, cpuSeconds: 0)
        var matches = 0
        var start = range.lowerBound
        while start < range.upperBound {
            let events = (start..<min(range.upperBound, start + batch)).map(build)
            // Kept until both clocks are read: freed at its last use, the batch's trees would be
            // freed inside the timed stretch (the peer's are freed outside it too).
            withExtendedLifetime(events) {
                let cpu = ThreadCPUTime.seconds()
                let wall = Monotonic.now()
                matches += events.count { pattern.matches($0) }
                spent.seconds += Monotonic.seconds(since: wall)
                spent.cpuSeconds += ThreadCPUTime.seconds() - cpu
            }
            start += batch
        }
        return (matches, spent)
    }

    /// The way the sync worker raises alerts (`AlertRaising`): slices of the stream on every core,
    /// each matched as events arrive; the rate is each core's rate over its slice, summed.
    private static func everyCore(
        _ count: Int, _ build: @Sendable @escaping (Int) -> JSONValue, _ pattern: EventPattern, expecting matches: Int
    ) throws -> (events: Double, spent: Spent) {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let slices = (0..<cores).map { k in (count * k / cores)..<(count * (k + 1) / cores) }
        let results = Mutex([(matches: Int, spent: Spent)](repeating: (0, Spent(seconds: 0, cpuSeconds: 0)), count: cores))
        DispatchQueue.concurrentPerform(iterations: cores) { k in
            let result = stream(slices[k], build, pattern)
            results.withLock { $0[k] = result }
        }
        let all = results.withLock { $0 }
        guard all.reduce(0, { $0 + $1.matches }) == matches else {
            throw BenchError("matching on every core and on one found different events")
        }
        let rate = zip(slices, all).reduce(0.0) { $0 + Double($1.0.count) / $1.1.spent.seconds }
        let cpu = all.reduce(0.0) { $0 + $1.spent.cpuSeconds }
        return (Double(count), Spent(seconds: Double(count) / rate, cpuSeconds: cpu))
    }
}

extension Throughput {
    mutating func add(_ measured: (events: Double, spent: Spent)) { add(measured.events, measured.spent) }
}

/// CPU time (user + system) of the calling thread (`CLOCK_THREAD_CPUTIME_ID`).
enum ThreadCPUTime {
    static func seconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}

extension Throughput {
    var events: String { rate.spread("ev/s") { Format.grouped(Int($0.rounded())) } }
    var eventsPerCPU: String { cpuRate.spread("ev/cpu-s") { Format.grouped(Int($0.rounded())) } }
}
