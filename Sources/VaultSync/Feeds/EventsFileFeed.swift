import Foundation
import VaultCore

/// A JSON-lines file of EventBridge events or CloudTrail records, one per line (a trail file's
/// `{"Records":[…]}` counts as one line of records), followed as it grows, across rotation and
/// truncation; an unfinished last line is waited for. A line that is not an event is reported as
/// `file:line` and skipped; records of other services are skipped quietly (a trail holds them all).
public final class EventsFileFeed: Source, @unchecked Sendable {
    /// The most notices about bad lines one poll gives; the rest are counted.
    static let noticeLimit = 20

    public let name: String
    public private(set) var accountId = ""
    public private(set) var region = ""

    private let path: String
    private let interval: TimeInterval
    private let clock: any Clock
    // Touched from the runner's queue only.
    private let follower: FileFollower
    private var known = KnownCalls()
    private var heartbeat = SyncHeartbeat()

    /// - Parameter interval: how often the file is looked at for what was appended.
    public init(path: String, clock: any Clock, interval: TimeInterval = 1) {
        self.path = path
        name = "file \((path as NSString).lastPathComponent)"
        self.interval = interval
        self.clock = clock
        follower = FileFollower(path: path)
    }

    public func start(resuming state: AccountState, at now: Date) throws -> SourceBatch {
        known = KnownCalls(held: state.heldCallIds)
        return try poll(at: now)
    }

    public func poll(at now: Date) throws -> SourceBatch {
        let (lines, changes) = try readFile()
        var records: [Record] = []
        var notices: [Notice] = []
        var bad = 0
        func report(_ line: Int, _ reason: String) {
            bad += 1
            if bad <= Self.noticeLimit { notices.append(Notice(.warning, "\(path):\(line): \(reason); skipped")) }
        }
        for change in changes {
            switch change {
            case .opened, .missing: break
            case .truncated: notices.append(Notice(.info, "\(path) was truncated: reading it again from its start"))
            case .rotated(let torn):
                notices.append(Notice(.info, "\(path) was replaced (rotated): following the new file"))
                if let torn { take(torn, into: &records, report: { report($0, "the rotated file's last line was left unfinished: \($1)") }) }
            case .overlong(let line): report(line, "longer than \(FileFollower.lineLimit / 1_048_576) MiB")
            }
        }
        for line in lines { take(line, into: &records, report: report) }
        if bad > Self.noticeLimit { notices.append(Notice(.warning, "\(path): \(bad - Self.noticeLimit) more bad lines skipped")) }
        let eventful = !records.isEmpty
        if let sync = heartbeat.record(source: name, accountId: accountId, region: region, at: clock.now(), eventful: eventful) {
            records.append(sync)
        }
        return SourceBatch(records: records, nextPoll: interval, notices: notices)
    }

    private func readFile() throws -> ([FileFollower.Line], [FileFollower.Change]) {
        do {
            return try follower.read()
        } catch {
            throw SourceFailure(.other, "\(error)")
        }
    }

    /// The calls one line holds (blank lines hold none).
    private func take(_ line: FileFollower.Line, into records: inout [Record], report: (Int, String) -> Void) {
        guard line.bytes.contains(where: { !" \t\r".utf8.contains($0) }) else { return }
        for result in EventDocument.calls(in: Data(line.bytes)) {
            switch result {
            case .success(let call):
                accountId = call.accountId
                region = call.region
                if known.insert(call.id) { records.append(.call(call)) }
            case .failure(let rejection) where rejection.kind == .malformed:
                report(line.number, rejection.reason)
            case .failure:
                break
            }
        }
    }
}
