import Foundation

/// Where a JSON text stops being JSON: "not valid JSON at line 2, column 34", so a hand-written
/// policy, pattern or event file can be fixed without guessing. Foundation's decoder on Linux says
/// only "not valid JSON"; the place comes from `JSONSerialization`, asked only once a text failed.
public struct JSONSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
    /// 1-based; nil when the parser named no place.
    public let line: Int?
    public let column: Int?

    public init(line: Int?, column: Int?) {
        self.line = line
        self.column = column
    }

    /// " at line 2, column 34", or "" when no place is known: for messages that name what was read.
    public var place: String {
        guard let line, let column else { return "" }
        return " at line \(line), column \(column)"
    }

    public var description: String { "not valid JSON\(place)" }

    /// The place of the first error in `data` (which did not parse).
    public static func locate(in data: Data) -> JSONSyntaxError {
        let text: String
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return JSONSyntaxError(line: nil, column: nil)
        } catch {
            text = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? ""
        }
        guard let range = text.range(of: "character "),
            let offset = Int(text[range.upperBound...].prefix { $0.isNumber })
        else {
            return JSONSyntaxError(line: nil, column: nil)
        }
        return at(offset: offset, in: data)
    }

    /// Line and column of the byte at `offset` (JSONSerialization counts bytes of UTF-8), the
    /// column counting characters' scalars, not bytes.
    static func at(offset: Int, in data: Data) -> JSONSyntaxError {
        var line = 1
        var column = 1
        for byte in data.prefix(max(offset, 0)) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return JSONSyntaxError(line: line, column: column)
    }
}
