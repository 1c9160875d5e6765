import SystemCrypto

/// The hash chain of the audit files, `events.jsonl` (calls), `alerts.jsonl` and `acks.jsonl`, in the spirit of CloudTrail
/// log file integrity validation: every line carries in its `prev` field the SHA-256, as 64
/// lowercase hex digits, of the previous line's exact bytes (without its newline). The first line
/// of a file carries the SHA-256 of the file's genesis value, the UTF-8 text
/// `vaultwatch hash chain genesis <file>` (`vaultwatch hash chain genesis alerts.jsonl`), so a chain
/// also says which file it belongs to.
///
/// Editing, removing, inserting or reordering a line breaks the link of the line after it, and
/// `Store.verify()` names the first line at fault. As with CloudTrail's digests, the newest line
/// is vouched for once the next one is written, and the chain is evidence, not a lock: someone who
/// rewrites every line after an edit can forge it; keeping a copy of a line's hash elsewhere (a
/// WORM bucket) pins everything before it.
enum ChainHash {
    /// The `prev` of a file's first line.
    static func genesis(of file: StoreFile) -> String {
        of(Array("vaultwatch hash chain genesis \(file.relativePath)".utf8)[...])
    }

    /// SHA-256 of a line's bytes (without its newline), in lowercase hex.
    static func of(_ line: ArraySlice<UInt8>) -> String {
        let digest = SHA256.hash(line)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in digest {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    private static let digits = Array("0123456789abcdef".utf8)
}

extension StoreFile {
    /// The files whose lines form a hash chain and that digests cover: the calls that were made,
    /// the alerts they raised and who answered them.
    static let chained: [StoreFile] = [.events, .alerts, .acks]

    var isChained: Bool { Self.chained.contains(self) }

    /// The audit files proper, alerts and acknowledgements: what the dashboard shows first.
    static let audit: [StoreFile] = [.alerts, .acks]

    /// Lines at the start without `prev` were written before this file was chained: alerts and
    /// acknowledgements were chained from schema 2, the calls from after it (without a new schema,
    /// since the envelope's `prev` was already read wherever calls are).
    func isUnchained(schema: Int?) -> Bool {
        self == .events ? true : schema == 1
    }
}
