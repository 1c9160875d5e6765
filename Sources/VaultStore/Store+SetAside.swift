import Foundation
import VaultCore

/// Something a feed received that it could not use and must not lose: an SQS message that is not
/// an event. Kept in the store's directory, one JSON object a line, so the queue can move on.
public struct SetAsideEntry: Codable, Equatable, Sendable {
    /// When it was set aside.
    public var at: Date
    /// The feed that received it: `sqs central-backup-alerts`.
    public var source: String
    /// Its id where it came from (the SQS `MessageId`).
    public var messageId: String
    /// Why it was set aside, in one line.
    public var reason: String
    /// What was received, as received.
    public var body: String

    public init(at: Date, source: String, messageId: String, reason: String, body: String) {
        self.at = at
        self.source = source
        self.messageId = messageId
        self.reason = reason
        self.body = body
    }
}

extension Store {
    /// The side file of set-aside entries, in the store's directory. Not a store file: nothing in it
    /// is loaded, compacted or chained.
    public static let setAsideFileName = "set-aside.jsonl"

    /// Where set-aside entries are kept.
    public var setAsidePath: String { root.path(Self.setAsideFileName) }

    /// Appends `entry` to the side file (0600, under an exclusive lock) and flushes it to disk
    /// before returning, so a message deleted afterwards is never lost. Opened from the store's
    /// descriptor without following a link, like every store file; a looser mode is narrowed and
    /// said (`takeNotes()`).
    public func setAside(_ entry: SetAsideEntry) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var c = encoder.singleValueContainer()
            try c.encode(UTC.iso(date))
        }
        var line = Array(try encoder.encode(entry))
        line.append(UInt8(ascii: "\n"))
        let path = setAsidePath
        guard let file = try OpenFile.open(Self.setAsideFileName, in: root, for: .append) else {
            throw StoreError.cannotOpen(path: path, reason: "it vanished while being created")
        }
        try file.lock(.exclusive)
        let status = try file.status()
        if let narrowed = try file.claim(status, as: Self.setAsideFileName) { note(narrowed) }
        if let code = file.writeAll(line, with: calls) ?? file.sync(with: calls) {
            _ = file.truncate(to: status.size)
            throw StoreError.writeFailed(path: path, reason: osReason(code))
        }
    }

    /// The entries set aside so far, oldest first (lines that do not decode are skipped).
    public func setAsideEntries() throws -> [SetAsideEntry] {
        guard let file = try OpenFile.open(Self.setAsideFileName, in: root, for: .read) else { return [] }
        let bytes = try file.readToEnd(from: 0)
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let date = UTC.parseISO(text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an instant"))
            }
            return date
        }
        return bytes.split(separator: UInt8(ascii: "\n")).compactMap { try? decoder.decode(SetAsideEntry.self, from: Data($0)) }
    }
}
