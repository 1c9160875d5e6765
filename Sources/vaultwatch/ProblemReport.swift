import Foundation
import VaultStore

/// What went wrong along the way, on stderr, one inert line each: store problems (skipped
/// lines, torn lines, modes), repairs a writing command made. A hostile file cannot flood the
/// terminal: after `limit` lines the rest are summed up by file and kind, as the dashboard keeps
/// its last 200 notices.
enum ProblemReport {
    static let limit = 200

    static func say(_ problems: [StoreProblem]) {
        guard !problems.isEmpty else { return }
        var out = ""
        for problem in problems.prefix(limit) {
            out += line("\(problem)")
        }
        if problems.count > limit {
            // The rest, counted by file and kind: `5076 malformed lines in alerts.jsonl`.
            let rest = problems.dropFirst(limit)
            var counts: [String: Int] = [:]
            var order: [String] = []
            for problem in rest {
                let key = "\(words(problem.kind)) in \(problem.file)"
                if counts[key] == nil { order.append(key) }
                counts[key, default: 0] += 1
            }
            let shown = order.prefix(5).map { "\(counts[$0]!) \($0)" }.joined(separator: ", ")
            out += line(
                "… and \(rest.count) more problems not shown (\(problems.count) in all): \(shown)"
                    + (order.count > 5 ? ", and more in \(order.count - 5) other files" : ""))
        }
        FileHandle.standardError.write(Data(out.utf8))
    }

    /// Runs a write on `store`, then says what it repaired or could not sign (whether it
    /// succeeded or not); a failure becomes one line.
    static func writing<T>(_ store: Store, _ body: () throws -> T) throws -> T {
        defer { say(store.takeNotes()) }
        do {
            return try body()
        } catch {
            throw CLIError("\(error)")
        }
    }

    static func warn(_ message: String) {
        FileHandle.standardError.write(Data(line(message).utf8))
    }

    private static func line(_ message: String) -> String {
        "vaultwatch: \(TextTable.sanitize(message))\n"
    }

    private static func words(_ kind: StoreProblem.Kind) -> String {
        switch kind {
        case .malformedLine: return "malformed lines"
        case .tornLine: return "torn lines"
        case .fileChanged: return "files changed while read"
        case .permissions: return "modes or owners"
        case .repaired: return "repairs"
        case .digest: return "digests not signed"
        case .summary: return "points summaries"
        }
    }
}
