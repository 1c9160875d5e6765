import Foundation
import VaultBench

/// Figure 12: the script commands on the large store, each a fresh `vaultwatch` process timed from
/// spawning it to reaping it, against a Python script (orjson) that reads the files that answer
/// needs, in interleaved rounds. A command reads only what it prints: `vaults` the vaults and each
/// vault's points summary, `alerts` the alert files, `points --vault V` V's points file.
enum CommandsFigure {
    struct Command {
        var figure: String
        var arguments: [String]
        /// A guardrail gate exits 1 when a check fails, which the generated account's do.
        var statuses: Set<Int32> = [0]
        var target: String
        var peer: (name: String, script: String, arguments: [String])?
        /// Whether the median passes, given vaultwatch's and the peer's medians in seconds.
        var pass: ((Double, Double?) -> Bool)?
    }

    static func measure(_ data: Datasets, rounds: Int, orjson: PeerUnavailable?, into table: inout Table) throws {
        let binary = URL(fileURLWithPath: CommandLine.executable).deletingLastPathComponent()
            .appendingPathComponent("vaultwatch").path
        let store = data.large.directory.path
        // The vault the benchmark lists: the first of the generated account's, by name.
        let vault = Paths.pointFiles(data.large.directory).map { $0.deletingPathExtension().lastPathComponent }.first ?? ""
        let pointsOfVault = data.large.spec.points / max(1, data.large.spec.vaults)
        let commands = [
            Command(
                figure: "12 `vaults`", arguments: ["vaults"], target: "≤ 100 ms",
                peer: ("Python, vaults and points lines counted", "list_vaults.py", [store]), pass: { ours, _ in ours <= 0.1 }),
            Command(
                figure: "   `alerts`", arguments: ["alerts"], target: "≤ 100 ms",
                peer: ("Python, orjson over the alert files", "list_alerts.py", [store]), pass: { ours, _ in ours <= 0.1 }),
            Command(
                figure: "   `points --vault V`", arguments: ["points", "--vault", vault], target: "≤ peer (V's file alone)",
                peer: ("Python, orjson over V's points file", "list_points.py", [store, vault]),
                pass: { ours, theirs in theirs.map { ours <= $0 } ?? false }),
            Command(
                figure: "   `guardrails check`", arguments: ["guardrails", "check"], statuses: [0, 1], target: "", peer: nil,
                pass: nil),
        ]
        Progress.say("figure 12: \(rounds) rounds of \(commands.count) commands on \(Format.grouped(data.large.spec.points)) points")
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            let why = PeerUnavailable("\(binary) is missing: swift build -c release --static-swift-stdlib --product vaultwatch")
            for command in commands {
                table.add(command.figure, "n/a", target: command.target, peer: command.peer?.name ?? "", "", ratio: nil, pass: nil)
            }
            table.notes.append("figure 12: n/a, \(why.reason)")
            return
        }
        for command in commands {
            var ours = Samples(), oursCPU = Samples(), theirs = Samples()
            var unavailable = command.peer == nil ? nil : orjson
            for _ in 0..<rounds {
                let spent = try ChildProcess.time(
                    [binary] + command.arguments + ["--store", store], statuses: command.statuses)
                ours.add(spent.seconds * 1000)
                oursCPU.add(spent.cpuSeconds * 1000)
                guard let peer = command.peer, unavailable == nil else { continue }
                do {
                    theirs.add(try ChildProcess.time(["python3", Paths.peer(peer.script)] + peer.arguments).seconds * 1000)
                } catch {
                    unavailable = PeerUnavailable("\(peer.script) failed: \(error)")
                }
            }
            let value = ours.spread("") { Format.milliseconds($0) } + " · CPU " + Format.milliseconds(oursCPU.median)
            let theirMedian = theirs.isEmpty ? nil : theirs.median / 1000
            let pass = command.pass.map { $0(ours.median / 1000, theirMedian) }
            if let peer = command.peer, let why = unavailable {
                table.unavailable(command.figure, value, target: command.target, peer: peer.name, why, pass: pass)
            } else {
                table.add(
                    command.figure, value, target: command.target, peer: command.peer?.name ?? "",
                    theirs.isEmpty ? "" : theirs.spread("") { Format.milliseconds($0) },
                    ratio: theirs.isEmpty ? nil : theirs.median / ours.median, pass: pass)
            }
        }
        table.notes.append(
            "figure 12: each command a fresh release `vaultwatch` process with --store on the large store, timed from spawning"
                + " it to reaping it (process start included), its output thrown away; CPU is user + system of the process;"
                + " V is \(vault) (\(Format.grouped(pointsOfVault)) points); each peer a fresh python3 running the script"
                + " in Benchmarks/peers, interleaved round by round")
    }
}
