/// The envelope fields the chain check needs, read from the end of a line as the store writes it
/// (`…},"prev":"<64 hex>","schema":S,"seq":N,"type":"…"}`, `prev` only in chained files) without
/// a JSON parser, so checking a chain of 100,000 lines costs little more than hashing them. Any
/// other shape (a line written or edited by hand) gives nil, and the JSON decoder reads it.
enum EnvelopeTail {
    struct Fields: Equatable {
        var prev: String?
        var seq: Int
        var schema: Int
    }

    private static let schemaKey = Array(#","schema":"#.utf8)
    private static let seqKey = Array(#","seq":"#.utf8)
    private static let typeKey = Array(#","type":""#.utf8)
    private static let prevKey = Array(#","prev":""#.utf8)
    private static let quote = UInt8(ascii: "\"")

    static func read(_ line: ArraySlice<UInt8>) -> Fields? {
        guard let key = lastStart(of: schemaKey, in: line) else { return nil }
        var i = key + schemaKey.count
        guard let schema = number(line, &i), skip(seqKey, line, &i), let seq = number(line, &i),
            skip(typeKey, line, &i)
        else { return nil }
        // The type runs to the `"}` that ends the line, with no quote or escape in it.
        let end = line.endIndex
        guard end - i >= 2, line[end - 1] == UInt8(ascii: "}"), line[end - 2] == quote,
            !line[i..<(end - 2)].contains(where: { $0 == quote || $0 == UInt8(ascii: "\\") })
        else { return nil }
        // Before `,"schema":` comes either the data object's `}` or the prev string.
        guard key > line.startIndex else { return nil }
        if line[key - 1] == UInt8(ascii: "}") { return Fields(prev: nil, seq: seq, schema: schema) }
        let hexEnd = key - 1
        let hexStart = hexEnd - 64
        guard line[hexEnd] == quote, hexStart - prevKey.count >= line.startIndex,
            line[(hexStart - prevKey.count)..<hexStart].elementsEqual(prevKey),
            line[hexStart..<hexEnd].allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) })
        else { return nil }
        return Fields(prev: String(decoding: line[hexStart..<hexEnd], as: UTF8.self), seq: seq, schema: schema)
    }

    private static func lastStart(of pattern: [UInt8], in line: ArraySlice<UInt8>) -> Int? {
        var start = line.endIndex - pattern.count
        while start >= line.startIndex {
            if line[start..<(start + pattern.count)].elementsEqual(pattern) { return start }
            start -= 1
        }
        return nil
    }

    private static func skip(_ pattern: [UInt8], _ line: ArraySlice<UInt8>, _ i: inout Int) -> Bool {
        guard line.endIndex - i >= pattern.count, line[i..<(i + pattern.count)].elementsEqual(pattern) else { return false }
        i += pattern.count
        return true
    }

    /// A non-negative decimal of at most 18 digits.
    private static func number(_ line: ArraySlice<UInt8>, _ i: inout Int) -> Int? {
        var value = 0
        let start = i
        while i < line.endIndex, line[i] >= 0x30, line[i] <= 0x39, i - start < 18 {
            value = value * 10 + Int(line[i] - 0x30)
            i += 1
        }
        return i > start ? value : nil
    }
}
