import Foundation
import VaultCore
import VaultStore

/// A writer for the store's multi-process tests, not a user-facing tool:
/// `vaultwatch-store-probe STORE_DIR PREFIX COUNT KIND [MAX_BATCH [KEY_FILE]]` appends COUNT
/// records of KIND with ids `PREFIX-0`, `PREFIX-1`, … in batches of 1 to MAX_BATCH (default 1),
/// and prints each id on stdout, flushed, only after its `append` returned. A test that kills it
/// knows every printed id must be in the store.
/// - `job`: a backup job each.
/// - `ack`: a call, the alert it raised and its acknowledgement each (calls, alerts and acks are
///   chained and flushed to disk); with KEY_FILE (made when missing), each batch is covered by a
///   signed digest, as a real writer's would be.
/// - `alert`: a call and the alert it raised each, for `vaultwatch ack` to acknowledge.
/// - `point`: a recovery point each, in one of three vaults (its ARN ends in the id), and for
///   every seventh a new snapshot of the point written three before it: both kinds of append
///   a points file's summary follows (added to, made again).
@main
enum StoreProbe {
    static func main() {
        let args = CommandLine.arguments
        guard args.count >= 5, let count = Int(args[3]), ["job", "ack", "alert", "point"].contains(args[4]) else {
            FileHandle.standardError.write(Data("usage: vaultwatch-store-probe STORE_DIR PREFIX COUNT job|ack|alert|point [MAX_BATCH [KEY_FILE]]\n".utf8))
            exit(64)
        }
        let prefix = args[2]
        let maxBatch = args.count > 5 ? max(1, Int(args[5]) ?? 1) : 1
        // A long note makes a batch span many pages, so a kill can land in the middle of a write.
        let note = String(repeating: "checked with the on-call engineer; ", count: maxBatch > 1 ? 10 : 1)
        do {
            let signer = try args.count > 6 ? DigestKey.loadOrCreate(at: URL(fileURLWithPath: args[6])).key : nil
            let store = try Store(directory: URL(fileURLWithPath: args[1]), signer: signer)
            var next = 0
            while next < count {
                let ids = (next..<min(count, next + Int.random(in: 1...maxBatch))).map { "\(prefix)-\($0)" }
                try store.append(ids.enumerated().flatMap { offset, id in
                    switch args[4] {
                    case "ack": acknowledged(id, note: note)
                    case "alert": Array(acknowledged(id, note: note).prefix(2))
                    case "point": points(prefix, next + offset)
                    default: [job(id)]
                    }
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

    /// A call, its alert and the alert's acknowledgement, the ack's id being `id`.
    static func acknowledged(_ id: String, note: String) -> [Record] {
        let call = ApiCall(
            id: "call-\(id)", time: Date(), action: "DeleteRecoveryPoint",
            principal: .role("Operator", session: "probe", account: "444455556666"), sourceIPAddress: "203.0.113.7",
            userAgent: "probe", vaultName: "probe", recoveryPointArn: nil, errorCode: "AccessDenied",
            errorMessage: "denied", accountId: "111122223333", region: "eu-west-1")
        let alert = Alert(raisedBy: "probe", for: call)
        return [
            .call(call), .alert(alert),
            .acknowledgement(Acknowledgement(id: id, alertId: alert.id, by: "probe@test", at: Date(), note: note)),
        ]
    }

    /// Point `n` of this writer, and every seventh a new snapshot of point `n - 3`.
    static func points(_ prefix: String, _ n: Int) -> [Record] {
        func point(_ n: Int, status: RecoveryPoint.Status) -> RecoveryPoint {
            let vault = "probe-\(["a", "b", "c"][n % 3])"
            return RecoveryPoint(
                arn: "arn:aws:backup:eu-west-1:111122223333:recovery-point:\(prefix)-\(n)", vaultName: vault,
                accountId: "111122223333", region: "eu-west-1", resourceArn: "arn:aws:rds:eu-west-1:444455556666:db:db-\(n % 40)",
                resourceType: "RDS", status: status, creationDate: Date(timeIntervalSince1970: 1_795_000_000 + Double(n) * 60),
                sizeBytes: Int64(1_000 + n))
        }
        let new = Record.recoveryPoint(point(n, status: n % 11 == 0 ? .partial : .completed))
        guard n % 7 == 6 else { return [new] }
        return [new, .recoveryPoint(point(n - 3, status: .expired))]
    }

    static func job(_ id: String) -> Record {
        .job(BackupJob(
            id: id, kind: .backup, vaultName: "probe", resourceArn: "arn:aws:ec2:eu-west-1:1:volume/\(id)",
            resourceType: "EBS", lifecycle: Lifecycle(deleteAfterDays: 35), state: .completed,
            statusMessage: nil, creationDate: Date(), recoveryPointArn: nil))
    }
}
