/// The one table a run prints: each figure, its target, and a peer measured in the same run.
struct Table: CustomStringConvertible {
    struct Row {
        var figure: String
        var value: String
        var target: String
        var peer: String
        var peerValue: String
        /// How many times better than the peer (above 1: vaultwatch is better).
        var ratio: String
        var verdict: String
    }

    enum Verdict {
        static func of(_ pass: Bool?) -> String { pass.map { $0 ? "PASS" : "FAIL" } ?? "n/a" }
    }

    var rows: [Row] = []
    var notes: [String] = []

    mutating func add(
        _ figure: String, _ value: String, target: String, peer: String, _ peerValue: String, ratio: Double?,
        pass: Bool?
    ) {
        rows.append(
            Row(
                figure: figure, value: value, target: target, peer: peer, peerValue: peerValue,
                ratio: ratio.map { Format.ratio($0) } ?? "–",
                verdict: pass == nil && target == "" ? "" : Verdict.of(pass)))
    }

    /// A peer that could not be measured still gets its row, saying why.
    mutating func unavailable(
        _ figure: String, _ value: String, target: String, peer: String, _ why: PeerUnavailable, pass: Bool?
    ) {
        add(figure, value, target: target, peer: peer, "n/a", ratio: nil, pass: pass)
        notes.append("\(peer): n/a, \(why.reason)")
    }

    var description: String {
        let header = Row(
            figure: "figure", value: "value", target: "target", peer: "peer", peerValue: "peer value", ratio: "× peer",
            verdict: "verdict")
        let all = [header] + rows
        let columns: [(Row) -> String] = [\.figure, \.value, \.target, \.peer, \.peerValue, \.ratio, \.verdict]
        let widths = columns.map { column in all.map { column($0).count }.max() ?? 0 }
        func line(_ row: Row) -> String {
            zip(columns, widths).map { column, width in
                let text = column(row)
                return text + String(repeating: " ", count: width - text.count)
            }.joined(separator: "  ").trimmingSuffixSpaces()
        }
        var lines = [line(header), String(repeating: "-", count: widths.reduce(0, +) + 2 * (widths.count - 1))]
        lines += rows.map(line)
        lines.append(
            "× peer: how many times better than the peer (faster, or less memory); above 1, vaultwatch is ahead.")
        lines += notes.map { "note: \($0)" }
        return lines.joined(separator: "\n")
    }
}

extension String {
    fileprivate func trimmingSuffixSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
