import Foundation
import Synchronization
import VaultBench
import VaultCore
import VaultStore

/// Figure 1: loading every recovery point the way the dashboard does (the staged load's points
/// phase: every points file on every core, into the account state), against orjson parsing the
/// same lines one by one. Beside it, the whole store with `Store.loadAccount()` and the
/// one-thread `Store.load()` into records, against orjson and `jq -c .` over all the files.
enum LoadFigure {
    static func measure(_ account: Datasets.Account, orjson: PeerUnavailable?, into table: inout Table) throws {
        let files = Paths.storeFiles(account.directory)
        let bytes = Paths.size(files)
        let pointFiles = Paths.pointFiles(account.directory)
        let pointBytes = Paths.size(pointFiles)
        // Every reader starts from the page cache.
        for file in files { _ = try Data(contentsOf: file) }

        Progress.say("figure 1: the points of \(account.spec.points) recovery points (\(pointBytes / 1_000_000) MB)")
        let store = try VaultStore.Store(directory: account.directory)
        let tail = store.makeTail()
        let (small, deferred) = try tail.pollDeferringBulk()
        let state = Mutex(AccountState())
        state.withLock { $0.apply(small.records) }
        let points = deferred.filter { $0.relativePath.hasPrefix("points/") }
        var start = Monotonic.now()
        try tail.readDeferred(points) { _, load in state.withLock { $0.apply(load) } }
        let pointSeconds = Monotonic.seconds(since: start)
        let loadedPoints = state.withLock { $0.pointCount }
        guard loadedPoints == account.spec.points else {
            throw BenchError("the points phase loaded \(loadedPoints) points of \(account.spec.points)")
        }

        Progress.say("figure 1: Store.loadAccount() of the whole store (\(bytes / 1_000_000) MB)")
        start = Monotonic.now()
        let seconds: Double
        do {
            let loaded = try VaultStore.Store(directory: account.directory).loadAccount()
            seconds = Monotonic.seconds(since: start)
            guard loaded.problems.isEmpty else {
                throw BenchError("the generated store has problems: \(loaded.problems[0])")
            }
            guard loaded.state.pointCount == account.spec.points else {
                throw BenchError("loadAccount() found \(loaded.state.pointCount) points of \(account.spec.points)")
            }
            let acks = loaded.state.acknowledgements.values.reduce(0) { $0 + $1.count }
            table.notes.append(
                "store: \(Format.grouped(loaded.state.pointCount)) points in \(loaded.state.vaults.count) vaults,"
                    + " \(Format.grouped(account.spec.calls)) calls, \(Format.grouped(loaded.state.alerts.count)) alerts,"
                    + " \(Format.grouped(acks)) acknowledgements: \(Format.grouped(bytes / 1_000_000)) MB in \(files.count) files,"
                    + " \(Format.grouped(pointBytes / 1_000_000)) MB of them points"
            )
        }
        let ours = "\(Format.mbPerSecond(bytes: pointBytes, seconds: pointSeconds)) · \(Format.seconds(pointSeconds))"
        let whole = "\(Format.mbPerSecond(bytes: bytes, seconds: seconds)) · \(Format.seconds(seconds))"
        let figure = "1 load \(Format.grouped(account.spec.points)) points"

        Progress.say("figure 1: Store.load() of the same store, into records")
        start = Monotonic.now()
        let records = try VaultStore.Store(directory: account.directory).load().records.count
        let oneThread = Monotonic.seconds(since: start)
        let recordsValue = "\(Format.mbPerSecond(bytes: bytes, seconds: oneThread)) · \(Format.seconds(oneThread))"

        Progress.say("figure 1: orjson.loads over the same lines")
        let onPoints: Result<Peer.Result, PeerUnavailable> =
            orjson.map { .failure($0) } ?? Peer.python("orjson_load.py", pointFiles.map(\.path))
        let onAll: Result<Peer.Result, PeerUnavailable> =
            orjson.map { .failure($0) } ?? Peer.python("orjson_load.py", files.map(\.path))
        switch (onPoints, onAll) {
        case (.success(let peer), .success(let all)):
            let parse = peer.number("parse_seconds") ?? .nan
            let ratio = parse / pointSeconds
            table.add(
                figure, ours, target: "≥ 2× orjson", peer: "orjson.loads, parse loop",
                "\(Format.mbPerSecond(bytes: pointBytes, seconds: parse)) · \(Format.seconds(parse))", ratio: ratio,
                pass: ratio >= 2)
            let allParse = all.number("parse_seconds") ?? .nan
            table.add(
                "  whole store, loadAccount()", whole, target: "", peer: "orjson.loads, parse loop",
                "\(Format.mbPerSecond(bytes: bytes, seconds: allParse)) · \(Format.seconds(allParse))",
                ratio: allParse / seconds, pass: nil)
            table.add(
                "  whole store, Store.load()", recordsValue, target: "", peer: "orjson.loads, parse loop", "",
                ratio: allParse / oneThread, pass: nil)
            table.add(
                "", "", target: "", peer: "orjson, whole process",
                "\(Format.mbPerSecond(bytes: bytes, seconds: all.seconds)) · \(Format.seconds(all.seconds))",
                ratio: all.seconds / seconds, pass: nil)
            if Int(all.number("lines") ?? 0) != records {
                table.notes.append("orjson read \(Int(all.number("lines") ?? 0)) lines, Store.load() \(records) records")
            }
        case (.failure(let why), _), (_, .failure(let why)):
            table.unavailable(figure, ours, target: "≥ 2× orjson", peer: "orjson.loads, parse loop", why, pass: nil)
            table.add("  whole store, loadAccount()", whole, target: "", peer: "", "", ratio: nil, pass: nil)
            table.add("  whole store, Store.load()", recordsValue, target: "", peer: "", "", ratio: nil, pass: nil)
        }

        Progress.say("figure 1: jq -c . over the same files")
        switch Peer.run("jq", ["-c", "."] + files.map(\.path), parse: false) {
        case .success(let peer):
            table.add(
                "", "", target: "", peer: "jq -c ., whole process",
                "\(Format.mbPerSecond(bytes: bytes, seconds: peer.seconds)) · \(Format.seconds(peer.seconds))",
                ratio: peer.seconds / seconds, pass: nil)
        case .failure(let why):
            table.unavailable("", "", target: "", peer: "jq -c ., whole process", why, pass: nil)
        }
    }
}
