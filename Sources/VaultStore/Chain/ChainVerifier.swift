import Foundation

/// Checks the hash chain of one file's bytes and names the first line at fault.
enum ChainVerifier {
    /// What the check needs of a line: its hash, and the fields of its envelope.
    struct Line {
        var hash: String
        var prev: String?
        var seq: Int?
        var schema: Int?
        /// The offset just past its newline.
        var end = 0
    }

    /// The envelope fields, each nil when missing or not of its type (a line altered into
    /// something else still has a hash, and breaks the chain rather than the check).
    struct Envelope: Decodable, Equatable {
        var prev: String?
        var seq: Int?
        var schema: Int?

        enum Key: String, CodingKey { case prev, seq, schema }

        init(prev: String? = nil, seq: Int? = nil, schema: Int? = nil) {
            self.prev = prev
            self.seq = seq
            self.schema = schema
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: Key.self)
            prev = try? c.decodeIfPresent(String.self, forKey: .prev)
            seq = try? c.decodeIfPresent(Int.self, forKey: .seq)
            schema = try? c.decodeIfPresent(Int.self, forKey: .schema)
        }
    }

    /// Checks the complete lines of `bytes`, the whole of `file`. A line from a newer schema
    /// throws, as a load does: its chain may follow rules this version does not know.
    static func verify(_ bytes: [UInt8], of file: StoreFile, in root: StoreDirectory) throws(StoreError) -> ChainFileReport {
        try check(bytes, of: file, in: root).report
    }

    /// The report, and each complete line's hash and end for the digests to be checked against.
    static func check(
        _ bytes: [UInt8], of file: StoreFile, in root: StoreDirectory
    ) throws(StoreError) -> (report: ChainFileReport, lines: [Line]) {
        let json = JSONDecoder()
        var decoder = FlatLineDecoder()
        var lines: [Line] = []
        var start = 0
        while let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) {
            let bytesOfLine = bytes[start..<newline]
            let envelope = envelope(of: bytesOfLine, json: json, decoder: &decoder)
            if let schema = envelope.schema, schema > StoreSchema.current {
                throw .newerSchema(
                    file: root.path(of: file), line: lines.count + 1, version: schema, supported: StoreSchema.current)
            }
            lines.append(
                Line(
                    hash: ChainHash.of(bytesOfLine), prev: envelope.prev, seq: envelope.seq, schema: envelope.schema,
                    end: newline + 1))
            start = newline + 1
        }
        let unchained = lines.prefix { $0.prev == nil && file.isUnchained(schema: $0.schema) }.count
        let report = ChainFileReport(
            file: file.relativePath, lines: lines.count, unchainedLines: unchained, unfinishedBytes: bytes.count - start,
            breakage: firstBreak(in: lines, from: unchained, genesis: ChainHash.genesis(of: file)))
        return (report, lines)
    }

    /// A line's envelope: read from its end when it is as the store writes it (a whole call,
    /// alert or acknowledgement line, which the strict fast decoder takes: so its end is the end
    /// of one JSON object whose keys each come once), else by JSON, which is the reference.
    static func envelope(of line: ArraySlice<UInt8>, json: JSONDecoder) -> Envelope {
        var whole = FlatLineDecoder()
        return envelope(of: line, json: json, decoder: &whole)
    }

    /// The same with a decoder kept from line to line (a file's lines are each checked: making a
    /// decoder per line cost more than checking the line).
    static func envelope(of line: ArraySlice<UInt8>, json: JSONDecoder, decoder whole: inout FlatLineDecoder) -> Envelope {
        if let fields = EnvelopeTail.read(line), line.withUnsafeBytes({ whole.decode($0) }) != nil {
            return Envelope(prev: fields.prev, seq: fields.seq, schema: fields.schema)
        }
        return (try? json.decode(Envelope.self, from: Data(line))) ?? Envelope()
    }

    /// The first break from line index `first` on (the lines before it are unchained), told
    /// apart by what the neighbouring links say.
    static func firstBreak(in lines: [Line], from first: Int, genesis: String) -> ChainBreak? {
        func expected(_ i: Int) -> String { i == 0 ? genesis : lines[i - 1].hash }
        guard let i = (first..<lines.count).first(where: { lines[$0].prev != expected($0) }) else { return nil }
        let n = i + 1
        let before = i == 0 ? "the chain's start" : "line \(n - 1)"
        let hasNext = i + 1 < lines.count

        if i > 0, lines[i].hash == lines[i - 1].hash {
            return ChainBreak(line: n, kind: .inserted, detail: "inserted (a copy of line \(n - 1))")
        }
        // Its hash names another line of the file, or the start, as the one before it: moved
        // there, unless another line already follows that one (then it was made up beside it).
        if let prev = lines[i].prev, let j = prev == genesis ? -1 : lines.firstIndex(where: { $0.hash == prev }) {
            let claimed = j < 0 ? "the chain's start" : "line \(j + 1)"
            if let k = lines.indices.first(where: { $0 != i && lines[$0].prev == prev }) {
                return ChainBreak(line: n, kind: .inserted, detail: "inserted (it claims to follow \(claimed), as line \(k + 1) does)")
            }
            let place = j < 0 ? "first" : "right after line \(j + 1)"
            return ChainBreak(line: n, kind: .reordered, detail: "out of order (the chain puts it \(place))")
        }
        // Leaving this line out makes the chain whole: it was put in.
        if hasNext, lines[i + 1].prev == expected(i) {
            return ChainBreak(line: n, kind: .inserted, detail: "inserted (line \(n + 1) follows \(before) in the chain)")
        }
        // The sequence numbers jump: what came between is gone.
        if let seq = lines[i].seq {
            let previous = i == 0 ? 0 : lines[i - 1].seq
            if let previous, seq > previous + 1 {
                let missing = seq - previous - 1
                let what = missing == 1 ? "a line was" : "\(missing) lines were"
                let jump = i == 0 ? "seq starts at \(seq)" : "seq jumps from \(previous) to \(seq)"
                return ChainBreak(line: n, kind: .removed, detail: "\(what) removed before it (\(jump))")
            }
        }
        if lines[i].prev == nil && !hasNext {
            return ChainBreak(line: n, kind: .inserted, detail: "added without a hash of \(before)")
        }
        // The next link is broken too: this line's own bytes changed (its hash of the line before included).
        if hasNext, lines[i + 1].prev != lines[i].hash {
            return ChainBreak(line: n, kind: .altered, detail: "altered (its hash of \(before) does not match, nor line \(n + 1)'s hash of it)")
        }
        if i == 0 {
            return ChainBreak(line: n, kind: .altered, detail: "altered (its hash of the chain's start does not match)")
        }
        return ChainBreak(line: n - 1, kind: .altered, detail: "altered (line \(n) holds a different hash of it)")
    }
}
