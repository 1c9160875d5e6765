import VaultCore

/// `vaultwatch alerts --json` written straight into bytes: the very text `JSONOutput` has
/// `JSONEncoder` write for `[Alerts.Row]` (keys sorted by their UTF-8 bytes, pretty-printed with
/// two spaces, `" : "` between a key and its value, slashes as they are, an absent optional left
/// out, dates as `UTC.iso`), and the same escapes in strings, without building an encoder's tree
/// of 15,000 rows first. The output still goes through `JSONInert`, as all JSON output does.
enum AlertRowsJSON {
    static func bytes(of rows: [Alerts.Row]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(rows.count * 1_100 + 4)
        out.append(UInt8(ascii: "["))
        out.append(UInt8(ascii: "\n"))
        for (n, row) in rows.enumerated() {
            if n > 0 { append(",\n", to: &out) }
            append("  {\n", to: &out)
            write(row, to: &out)
            append("\n  }", to: &out)
        }
        append("\n]", to: &out)
        return out
    }

    /// A row's members, in key order, each on its own line four spaces in.
    private static func write(_ row: Alerts.Row, to out: inout [UInt8]) {
        var members = Members(indent: "    ")
        members.string("accountId", row.accountId, to: &out)
        members.key("acknowledged", to: &out)
        append(row.acknowledged ? "true" : "false", to: &out)
        if let ack = row.acknowledgement {
            members.key("acknowledgement", to: &out)
            append("{\n", to: &out)
            var inner = Members(indent: "      ")
            inner.string("at", UTC.iso(ack.at), to: &out)
            inner.string("by", ack.by, to: &out)
            inner.string("id", ack.id, to: &out)
            inner.string("note", ack.note, to: &out)
            append("\n    }", to: &out)
        }
        members.string("action", row.action, to: &out)
        members.string("errorMessage", row.errorMessage, to: &out)
        members.string("id", row.id, to: &out)
        members.string("judgedArn", row.judgedArn, to: &out)
        members.string("looksLikeAdmin", row.looksLikeAdmin, to: &out)
        members.string("outcome", row.outcome, to: &out)
        members.string("principal", row.principal, to: &out)
        members.string("principalArn", row.principalArn, to: &out)
        members.string("recoveryPointArn", row.recoveryPointArn, to: &out)
        members.string("region", row.region, to: &out)
        members.string("severity", row.severity, to: &out)
        members.key("severityReasons", to: &out)
        append("[\n", to: &out)
        for (n, reason) in row.severityReasons.enumerated() {
            append(n > 0 ? ",\n      " : "      ", to: &out)
            string(reason, to: &out)
        }
        append("\n    ]", to: &out)
        members.string("sourceIPAddress", row.sourceIPAddress, to: &out)
        members.string("time", UTC.iso(row.time), to: &out)
        members.string("vault", row.vault, to: &out)
    }

    /// The members of one object, separated as the pretty printer separates them.
    private struct Members {
        let indent: StaticString
        var first = true

        mutating func key(_ name: StaticString, to out: inout [UInt8]) {
            if !first { append(",\n", to: &out) }
            first = false
            append(indent, to: &out)
            out.append(UInt8(ascii: "\""))
            append(name, to: &out)
            append("\" : ", to: &out)
        }

        /// A text member; none when the value is absent.
        mutating func string(_ name: StaticString, _ value: String?, to out: inout [UInt8]) {
            guard let value else { return }
            key(name, to: &out)
            AlertRowsJSON.string(value, to: &out)
        }
    }

    private static func append(_ text: StaticString, to out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// A JSON string as the encoder escapes it: quote, backslash and the C0 controls (`\b`, `\f`,
    /// `\n`, `\r`, `\t`, else `\u00XX` in lowercase hex); everything else as it is.
    private static func string(_ value: String, to out: inout [UInt8]) {
        var value = value
        out.append(UInt8(ascii: "\""))
        value.withUTF8 { bytes in
            var mark = 0
            for (i, byte) in bytes.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[mark..<i]))
                mark = i + 1
                out.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(byte)
                case 0x08: out.append(UInt8(ascii: "b"))
                case 0x0C: out.append(UInt8(ascii: "f"))
                case 0x0A: out.append(UInt8(ascii: "n"))
                case 0x0D: out.append(UInt8(ascii: "r"))
                case 0x09: out.append(UInt8(ascii: "t"))
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[mark...]))
        }
        out.append(UInt8(ascii: "\""))
    }
}
