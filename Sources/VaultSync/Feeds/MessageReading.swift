import Foundation
import VaultCore

/// What one receive's messages hold: the new calls, the deletions, the notices.
struct MessageReading {
    let feed: String
    var known: KnownCalls
    private(set) var records: [Record] = []
    private(set) var deletions: [SQSQueue.DeleteEntry] = []
    private var problems: [Notice] = []
    private var unrelated: [String] = []

    init(feed: String, known: KnownCalls) {
        self.feed = feed
        self.known = known
    }

    /// Reads one message; `setAside` keeps one that is not an event (and returns where).
    mutating func read(
        _ message: SQSQueue.Message, setAside: (SQSQueue.Message, String) throws -> String
    ) {
        var malformed: [String] = []
        for result in EventDocument.calls(in: Data(message.Body.utf8)) {
            switch result {
            case .success(let call):
                if known.insert(call.id) { records.append(.call(call)) }
            case .failure(let rejection) where rejection.kind == .unrelated:
                unrelated.append(rejection.reason)
            case .failure(let rejection):
                malformed.append(rejection.reason)
            }
        }
        if !malformed.isEmpty {
            let reason = malformed.count == 1 ? malformed[0] : "\(malformed.count) entries: \(malformed[0]); …"
            do {
                let path = try setAside(message, reason)
                problems.append(
                    Notice(.warning, "\(feed): message \(message.MessageId) is not an event (\(reason)); set aside in \(path)"))
            } catch {
                // Not deleted: it comes back after its visibility timeout and is tried again.
                problems.append(
                    Notice(.error, "\(feed): message \(message.MessageId) is not an event (\(reason)) and could not be set aside: \(error)"))
                return
            }
        }
        deletions.append(SQSQueue.DeleteEntry(Id: message.MessageId, ReceiptHandle: message.ReceiptHandle))
    }

    /// What the operator hears: each message set aside, and the events that were not AWS Backup
    /// API calls (deleted: nothing to judge in them) summed up in one line.
    var notices: [Notice] {
        guard let first = unrelated.first else { return problems }
        let what = unrelated.count == 1 ? "an event that is not an AWS Backup API call" : "\(unrelated.count) events that are not AWS Backup API calls"
        return problems + [Notice(.info, "\(feed): skipped \(what) (\(first))")]
    }
}
