@_spi(Fuzzing) import AWSClient
import Foundation
import VaultCore
@_spi(Fuzzing) import VaultStore

/// What the account source and the alert feeds are handed from outside, read by their own readers,
/// for the fuzzer (`Fuzz/Targets/AWSAnswers`) and its regression tests. Reading never traps, and:
/// - an answer AWS Backup, KMS, Organizations, EventBridge, CloudTrail or SQS could send is read
///   whole or refused with an inert error line naming the operation;
/// - what AWS Backup's answers map to (vaults, recovery points, jobs) is a record the store keeps
///   exactly: written as the store writes it, it reads back the same, through every decoder;
/// - so is every call an event becomes (an events file's line, an SQS message's body, a CloudTrail
///   LookupEvents event), and a rejected event is said in one bounded line.
@_spi(Fuzzing) public struct SourceAnswerAgreement {
    private var store = LineDecoderAgreement()
    static let vault = Vault(
        name: "central-backup-vault", arn: "arn:aws:backup:eu-west-1:111122223333:backup-vault:central-backup-vault",
        accountId: "111122223333", region: "eu-west-1", creationDate: Date(timeIntervalSince1970: 1_700_000_000))
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    public init() {}

    /// One input of the fuzzer: its first byte picks the reader (below 0x80 the client's, in
    /// `AWSAnswerAgreement`, with a header up to a NUL when there is one; else one of these), the
    /// rest is the answer.
    public mutating func disagreement(_ bytes: [UInt8]) -> String? {
        guard let kind = bytes.first else { return nil }
        let rest = bytes.dropFirst()
        guard kind < 0x80 else { return disagreement(kind: kind, body: Array(rest)) }
        guard let nul = rest.firstIndex(of: 0) else { return AWSAnswerAgreement.disagreement(kind: kind, header: [], body: Array(rest)) }
        return AWSAnswerAgreement.disagreement(kind: kind, header: Array(rest[..<nul]), body: Array(rest[(nul + 1)...]))
    }

    /// `kind` picks the answer; `body` is what came.
    public mutating func disagreement(kind: UInt8, body: [UInt8]) -> String? {
        let data = Data(body)
        let account = ("111122223333", "eu-west-1")
        let vaults = [Self.vault.arn: Self.vault]
        // A mapping that refuses an answer (a member a record needs is missing) is no disagreement;
        // a record it makes must be kept.
        switch kind % 8 {
        case 0:
            let (list, broken) = Self.read(BackupWire.VaultList.self, "ListBackupVaults", data)
            return broken ?? keep((list?.BackupVaultList ?? []).compactMap {
                try? Record.vault(BackupMapping.vault($0, accountId: account.0, region: account.1))
            })
        case 1:
            let (vault, broken) = Self.read(BackupWire.Vault.self, "DescribeBackupVault", data)
            return broken ?? keep([vault.flatMap { try? Record.vault(BackupMapping.vault($0, accountId: account.0, region: account.1)) }].compactMap { $0 })
        case 2:
            let (list, broken) = Self.read(BackupWire.RecoveryPointList.self, "ListRecoveryPointsByBackupVault", data)
            return broken ?? keep((list?.RecoveryPoints ?? []).compactMap {
                try? Record.recoveryPoint(BackupMapping.point($0, in: Self.vault, now: Self.now))
            })
        case 3:
            let (backups, brokenBackups) = Self.read(BackupWire.BackupJobList.self, "ListBackupJobs", data)
            let (copies, brokenCopies) = Self.read(BackupWire.CopyJobList.self, "ListCopyJobs", data)
            return brokenBackups ?? brokenCopies
                ?? keep(
                    (backups?.BackupJobs ?? []).compactMap { BackupMapping.job($0, vaults: vaults) }.map(Record.job)
                        + (copies?.CopyJobs ?? []).compactMap { BackupMapping.job($0, vaults: vaults) }.map(Record.job))
        case 4:
            return Self.read(BackupWire.PlanList.self, "ListBackupPlans", data).1
                ?? Self.read(BackupWire.AccessPolicy.self, "GetBackupVaultAccessPolicy", data).1
                ?? Self.read(BackupWire.Notifications.self, "GetBackupVaultNotifications", data).1
                ?? Self.read(KMSCalls.KeyAnswer.self, "DescribeKey", data).1
                ?? Self.read(KMSCalls.AliasesAnswer.self, "ListAliases", data).1
                ?? Self.read(OrganizationsCalls.OrganizationAnswer.self, "DescribeOrganization", data).1
                ?? Self.read(OrganizationsCalls.PoliciesAnswer.self, "ListPoliciesForTarget", data).1
                ?? Self.read(OrganizationsCalls.PolicyAnswer.self, "DescribePolicy", data).1
                ?? Self.read(EventBridgeCalls.RulesAnswer.self, "ListRules", data).1
                ?? Self.read(EventBridgeCalls.TargetsAnswer.self, "ListTargetsByRule", data).1
        case 5:
            let (page, broken) = Self.read(CloudTrailLookup.Page.self, "LookupEvents", data)
            if let broken { return broken }
            for event in page?.Events ?? [] {
                if let broken = events(Data((event.CloudTrailEvent ?? "").utf8)) { return "LookupEvents: \(broken)" }
            }
            return nil
        case 6:
            let (output, broken) = Self.read(ReceiveOutput.self, "ReceiveMessage", data)
            if let broken { return broken }
            for message in output?.Messages ?? [] {
                if let broken = events(Data(message.Body.utf8)) { return "ReceiveMessage: \(broken)" }
            }
            return nil
        default:
            return events(data)
        }
    }

    private struct ReceiveOutput: Decodable { var Messages: [SQSQueue.Message]? }

    /// `body` read as `operation`'s answer `T` by the client's reader: the answer, or nil and what
    /// broke a promise when its refusal is not an inert line (a plain refusal is no disagreement).
    private static func read<T: Decodable>(_ type: T.Type, _ operation: String, _ body: Data) -> (T?, String?) {
        do {
            return (try AWSAnswerAgreement.answer(operation, body: body).decode(T.self), nil)
        } catch {
            return (nil, AWSAnswerAgreement.inert(error).map { "\(operation): \($0)" })
        }
    }

    private mutating func keep(_ records: [Record]) -> String? {
        for record in records {
            if let broken = store.roundTrip(record) { return "\(record.type.rawValue): \(broken)" }
        }
        return nil
    }

    /// The longest a rejection's reason may be: it is one line of notice.
    static let reasonLimit = 400

    /// An events file's line or a message's body: each call it holds is kept exactly, each
    /// rejection is said in a bounded line.
    private mutating func events(_ data: Data) -> String? {
        for result in EventDocument.calls(in: data) {
            switch result {
            case .success(let call):
                if let broken = store.roundTrip(.call(call)) { return "a call from an event: \(broken)" }
            case .failure(let rejection):
                // One line of notice, however large the event: what it quotes is cut.
                if rejection.reason.count > Self.reasonLimit {
                    return "a rejection's reason is \(rejection.reason.count) characters long: \(rejection.reason.prefix(120))…"
                }
            }
        }
        return nil
    }
}
