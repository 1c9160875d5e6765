import Foundation
import VaultCore

/// The fast path for writing a recovery point: the same bytes `JSONEncoder` writes with
/// `.sortedKeys` and `.withoutEscapingSlashes` (keys in order, `\"`, `\\`, `\b\f\n\r\t`, other
/// control characters as `\u00xx`, everything else raw UTF-8), without Foundation's encoder.
/// A sync's bulk appends are mostly points; tests hold the two paths to the same output.
enum PointLineEncoder {
    static func data(of p: RecoveryPoint) throws -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        out.append(UInt8(ascii: "{"))
        if !p.accountId.isEmpty {
            out += #""accountId":"#.utf8
            string(p.accountId, into: &out)
            out.append(UInt8(ascii: ","))
        }
        out += #""arn":"#.utf8
        string(p.arn, into: &out)
        if let completion = p.completionDate {
            out += #","completionDate":"#.utf8
            string(try StoreDate.text(completion), into: &out)
        }
        out += #","creationDate":"#.utf8
        string(try StoreDate.text(p.creationDate), into: &out)
        if let role = p.iamRoleArn {
            out += #","iamRoleArn":"#.utf8
            string(role, into: &out)
        }
        out += #","isEncrypted":"#.utf8
        out += (p.isEncrypted ? "true" : "false").utf8
        out += #","lifecycle":{"#.utf8
        var first = true
        if let delete = p.lifecycle.deleteAfterDays {
            out += #""deleteAfterDays":"#.utf8
            out += String(delete).utf8
            first = false
        }
        if let cold = p.lifecycle.moveToColdStorageAfterDays {
            out += (first ? #""moveToColdStorageAfterDays":"# : #","moveToColdStorageAfterDays":"#).utf8
            out += String(cold).utf8
        }
        out.append(UInt8(ascii: "}"))
        if !p.region.isEmpty {
            out += #","region":"#.utf8
            string(p.region, into: &out)
        }
        out += #","resourceArn":"#.utf8
        string(p.resourceArn, into: &out)
        if let name = p.resourceName {
            out += #","resourceName":"#.utf8
            string(name, into: &out)
        }
        out += #","resourceType":"#.utf8
        string(p.resourceType, into: &out)
        out += #","sizeBytes":"#.utf8
        out += String(p.sizeBytes).utf8
        out += #","status":"#.utf8
        string(p.status.rawValue, into: &out)
        out += #","storageClass":"#.utf8
        string(p.storageClass.rawValue, into: &out)
        out += #","vaultName":"#.utf8
        string(p.vaultName, into: &out)
        out.append(UInt8(ascii: "}"))
        return out
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    static func string(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Most texts (ARNs, names, dates) need no escape: copied in one go.
        let copied: Bool? = text.utf8.withContiguousStorageIfAvailable { bytes in
            for byte in bytes where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return false }
            out.append(contentsOf: bytes)
            return true
        }
        if copied == true {
            out.append(UInt8(ascii: "\""))
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += #"\""#.utf8
            case UInt8(ascii: "\\"): out += #"\\"#.utf8
            case 0x08: out += #"\b"#.utf8
            case 0x0C: out += #"\f"#.utf8
            case 0x0A: out += #"\n"#.utf8
            case 0x0D: out += #"\r"#.utf8
            case 0x09: out += #"\t"#.utf8
            case 0..<0x20:
                out += #"\u00"#.utf8
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
