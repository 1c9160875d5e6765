/// AWS's URI-encoding alphabet: `A-Z a-z 0-9 - _ . ~` are kept, every other byte of the UTF-8 form
/// becomes `%XX` with upper-case hex (space is `%20`, never `+`). Used for query keys and values,
/// REST path labels, form bodies, and the second encoding of a canonical URI.
public enum URIEncoding {
    /// `text` encoded with the AWS alphabet; bytes in `keeping` (e.g. `/` for greedy labels and
    /// canonical paths) are kept too.
    public static func encode(_ text: String, keeping: String = "") -> String {
        let kept = Set(keeping.utf8)
        var out = [UInt8]()
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if isUnreserved(byte) || kept.contains(byte) {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes `%XX` sequences (invalid ones are left as they are); `+` stays `+`.
    public static func decode(_ text: String) -> String {
        var bytes = [UInt8]()
        let utf8 = Array(text.utf8)
        var i = 0
        while i < utf8.count {
            if utf8[i] == UInt8(ascii: "%"), i + 2 < utf8.count, let h = hexValue(utf8[i + 1]), let l = hexValue(utf8[i + 2]) {
                bytes.append(h << 4 | l)
                i += 3
            } else {
                bytes.append(utf8[i])
                i += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// RFC 3986 §5.2.4 dot-segment removal as botocore does it: `.` and `..` segments and empty
    /// segments (so `//` collapses) are dropped; a leading and a trailing slash are kept.
    public static func removeDotSegments(_ path: String) -> String {
        guard !path.isEmpty else { return "" }
        var output = [Substring]()
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) where segment != "." {
            if segment == ".." {
                if !output.isEmpty { output.removeLast() }
            } else {
                output.append(segment)
            }
        }
        let first = path.hasPrefix("/") ? "/" : ""
        let last = path.hasSuffix("/") && !output.isEmpty ? "/" : ""
        return first + output.joined(separator: "/") + last
    }

    /// `pairs` as `k=v&k=v`, both sides encoded with the AWS alphabet, in the order given. A Query
    /// protocol *body* is form-encoded as botocore's `urlencode` does it (`spaceAsPlus`: space is `+`);
    /// a URL query never is.
    public static func formEncode(_ pairs: [(String, String)], spaceAsPlus: Bool = false) -> String {
        func one(_ text: String) -> String {
            spaceAsPlus ? encode(text, keeping: " ").replacingOccurrences(of: " ", with: "+") : encode(text)
        }
        return pairs.map { "\(one($0.0))=\(one($0.1))" }.joined(separator: "&")
    }

    static func isUnreserved(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
            UInt8(ascii: "~"):
            return true
        default: return false
        }
    }

    private static let hex = Array("0123456789ABCDEF".utf8)

    private static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return b - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
