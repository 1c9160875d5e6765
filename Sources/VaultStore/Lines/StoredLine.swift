import Foundation
import VaultCore

/// Why a line is refused before its data is read.
enum LineFault: Error {
    case malformed(String)
    case newerSchema(Int)
}

/// The envelope of a line. The schema is checked first: a line from a newer version is never
/// half-read with today's types, and nothing about its other fields is judged.
struct StoredLine: Decodable {
    let seq: Int
    let record: Record

    enum Key: String, CodingKey { case data, schema, seq, type }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        let schema = try container.decode(Int.self, forKey: .schema)
        if schema > StoreSchema.current { throw LineFault.newerSchema(schema) }
        if schema < StoreSchema.oldestReadable { throw LineFault.malformed("schema \(schema) is not a store schema version") }
        seq = try container.decode(Int.self, forKey: .seq)
        let typeName = try container.decode(String.self, forKey: .type)
        guard let type = RecordType(rawValue: typeName) else {
            throw LineFault.malformed("unknown record type \(Quoted(typeName))")
        }
        record = try RecordCodec.record(type, schema: schema, in: container)
    }
}
