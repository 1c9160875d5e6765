import Foundation
import VaultCore
import VaultStore

/// A writer for the store's multi-process tests, not a user-facing tool:
/// `vaultwatch-store-probe STORE_DIR PREFIX COUNT KIND [MAX_BATCH]` appends COUNT records of KIND
/// (`job`, or `ack`: chained and flushed to disk) with ids `PREFIX-0`, `PREFIX-1`, … in batches of
/// 1 to MAX_BATCH (default 1), and prints each id on stdout, flushed, only after its `append`
/// returned. A test that kills it knows every printed id must be in the store.
@main
enum StoreProbe {
    static func main() {
        let args = CommandLine.arguments
        guard args.count >= 5, let count = Int(args[3]), ["job", "ack"].contains(args[4]) else {
            FileHandle.standardError.write(Data("usage: vaultwatch-store-probe STORE_DIR PREFIX COUNT job|ack [MAX_BATCH]\n".utf8))
            exit(64)
        }
        let prefix = args[2]
        let maxBatch = args.count > 5 ? max(1, Int(args[5]) ?? 1) : 1
        // A long note makes a batch span many pages, so a kill can land in the middle of a write.
        let note = String(repeating: "checked with the on-call engineer; ", count: maxBatch > 1 ? 10 : 1)
        do {
            let store = try Store(directory: URL(fileURLWithPath: args[1]))
            var next = 0
            while next < count {
                let ids = (next..<min(count, next + Int.random(in: 1...maxBatch))).map { "\(prefix)-\($0)" }
                try store.append(ids.map { id in
                    args[4] == "ack"
                        ? .acknowledgement(Acknowledgement(id: id, alertId: "alert-\(id)", by: "probe@test", at: Date(), note: note))
                        : .job(BackupJob(
                            id: id, kind: .backup, vaultName: "probe", resourceArn: "arn:aws:ec2:eu-west-1:1:volume/\(id)",
                            resourceType: "EBS", lifecycle: Lifecycle(deleteAfterDays: 35), state: .completed,
                            statusMessage: nil, creationDate: Date(), recoveryPointArn: nil))
                })
                // One unbuffered write: nothing is reported before its append returned.
                FileHandle.standardOutput.write(Data((ids.joined(separator: "\n") + "\n").utf8))
                next += ids.count
            }
        } catch {
            FileHandle.standardError.write(Data("vaultwatch-store-probe: \(error)\n".utf8))
            exit(1)
        }
    }
}
