import Foundation

/// A signed statement, in the spirit of CloudTrail's digest files, of how far each hash-chained
/// file of the store (`events.jsonl`, `alerts.jsonl`, `acks.jsonl`) reached at one moment: its
/// number of lines and bytes, and the SHA-256 of its last line. The hash chain vouches for every
/// line before that one, so a digest vouches for the whole of each file up to where it reached:
/// an edit, a deletion at the end, an emptied or deleted file, or a chain recomputed after an
/// edit no longer matches it. Digests form a chain of their own (`prev`, the SHA-256 of the
/// digest line before) and each is signed with Ed25519 by the key outside the store.
///
/// One line of `digests.jsonl`, keys sorted, nothing else:
/// `{"at":"…","files":[{"bytes":B,"file":"events.jsonl","head":"<hex>","lines":N},…],"key":"<base64>","prev":"<hex>","seq":N,"signature":"<base64>","version":1}`.
/// The signature is over `vaultwatch digest` and a newline followed by the same line without its
/// `signature` member.
public struct Digest: Sendable, Equatable {
    /// How far one file reached.
    public struct Entry: Sendable, Equatable {
        /// Relative to the store: `alerts.jsonl`.
        public var file: String
        /// Complete lines.
        public var lines: Int
        /// Bytes of those lines, newlines included.
        public var bytes: Int
        /// The SHA-256 of the last of them (without its newline), or the file's genesis value when
        /// it had none.
        public var head: String
    }

    public var seq: Int
    public var at: Date
    /// The SHA-256 of the digest line before, or the digest chain's genesis value.
    public var prev: String
    /// The public key that signed it, base64.
    public var key: String
    public var files: [Entry]
    public var signature: [UInt8]

    static let version = 1
    static let genesis = ChainHash.of(Array("vaultwatch digest chain genesis".utf8)[...])

    public func entry(for file: String) -> Entry? { files.first { $0.file == file } }

    /// What the signature is over.
    var signedMessage: [UInt8] { Array("vaultwatch digest\n".utf8) + encoded(signature: nil) }

    /// The line as it is written, without its newline.
    public var line: [UInt8] { encoded(signature: signature) }

    private func encoded(signature: [UInt8]?) -> [UInt8] {
        var out = #"{"at":""#
        out += (try? StoreDate.text(at)) ?? "?"
        out += #"","files":["#
        out += files.map { entry in
            #"{"bytes":\#(entry.bytes),"file":\#(Self.quoted(entry.file)),"head":"\#(entry.head)","lines":\#(entry.lines)}"#
        }.joined(separator: ",")
        out += #"],"key":"\#(key)","prev":"\#(prev)","seq":\#(seq),"#
        if let signature { out += #""signature":"\#(Data(signature).base64EncodedString())","# }
        out += #""version":\#(Self.version)}"#
        return Array(out.utf8)
    }

    /// File names are the store's own; quoted as JSON all the same.
    private static func quoted(_ text: String) -> String {
        let data = (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// Reads a digest line: only exactly as vaultwatch writes one (anything else says why not).
    public static func parse(_ line: ArraySlice<UInt8>) -> Result<Digest, DigestLineError> {
        struct Shape: Decodable {
            struct File: Decodable {
                var bytes: Int
                var file: String
                var head: String
                var lines: Int
            }
            var at: String
            var files: [File]
            var key: String
            var prev: String
            var seq: Int
            var signature: String
            var version: Int
        }
        guard let shape = try? JSONDecoder().decode(Shape.self, from: Data(line)) else {
            return .failure(DigestLineError("not a digest line"))
        }
        guard shape.version <= version else {
            return .failure(DigestLineError("digest version \(shape.version) is newer than this vaultwatch reads (\(version)): upgrade vaultwatch"))
        }
        guard let at = StoreDate.parse(shape.at), let signature = Data(base64Encoded: shape.signature) else {
            return .failure(DigestLineError("not a digest line (its time or signature cannot be read)"))
        }
        let digest = Digest(
            seq: shape.seq, at: at, prev: shape.prev, key: shape.key,
            files: shape.files.map { Entry(file: $0.file, lines: $0.lines, bytes: $0.bytes, head: $0.head) },
            signature: Array(signature))
        guard digest.line.elementsEqual(line) else {
            return .failure(DigestLineError("not written as vaultwatch writes digests (edited by hand?)"))
        }
        return .success(digest)
    }
}

/// Why a line is not a digest.
public struct DigestLineError: Error, Equatable, Sendable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
