import Foundation
import VaultCore

/// Reads one store line back into a record, or says what is wrong with it.
struct RecordDecoder {
    enum Outcome {
        case record(Record, seq: Int)
        /// The line is skipped; the message says why.
        case malformed(String)
        /// The line was written by a newer vaultwatch.
        case newerSchema(Int)
    }

    private let json: JSONDecoder

    init() {
        json = JSONDecoder()
        json.dateDecodingStrategy = .custom { decoder in try StoreDate.decode(from: decoder) }
    }

    func decode(_ line: ArraySlice<UInt8>) -> Outcome {
        if line.isEmpty { return .malformed("empty line") }
        do {
            let stored = try json.decode(StoredLine.self, from: Data(line))
            return .record(stored.record, seq: stored.seq)
        } catch let fault as LineFault {
            switch fault {
            case .newerSchema(let version): return .newerSchema(version)
            case .malformed(let message): return .malformed(message)
            }
        } catch let error as DecodingError {
            return .malformed(Self.message(error))
        } catch {
            return .malformed("\(error)")
        }
    }

    /// Just the sequence number of a line, for the appender to continue from.
    func seq(of line: ArraySlice<UInt8>) -> Int? {
        struct SeqOnly: Decodable { var seq: Int }
        return try? json.decode(SeqOnly.self, from: Data(line)).seq
    }

    /// One short phrase per decoding failure: `missing field "data.arn"`.
    static func message(_ error: DecodingError) -> String {
        func field(_ path: [any CodingKey]) -> String {
            let text = path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
                .joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
            return "\(Quoted(text))"
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing field \(field(context.codingPath + [key]))"
        case .valueNotFound(_, let context):
            return "field \(field(context.codingPath)) is null"
        case .typeMismatch(let type, let context):
            if context.codingPath.isEmpty { return "not a JSON object" }
            return "field \(field(context.codingPath)) is not \(typeName(type))"
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return "not valid JSON" }
            return "field \(field(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "cannot be read"
        }
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type, is Int64.Type: return "an integer"
        case is Double.Type: return "a number"
        case is Bool.Type: return "true or false"
        default: return "the expected kind of value"
        }
    }
}
