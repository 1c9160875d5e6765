import Foundation
import VaultCore

@testable import VaultTUI

/// The fixture account with what a first user, and a hostile tester, ran into: a vault with many
/// recent jobs, enough alerts for a two-digit count, and principals named to break the layout
/// (a stray joiner, a pile of combining marks, 160 KB of name) or to pass for the admin.
enum FirstUserFixture {
    static let account = Fixture.account

    static func alert(_ n: Int, _ action: String, _ who: Principal, minutesAgo: Double, error: String? = "AccessDenied") -> [Record] {
        let call = Fixture.call(n, action, who, vault: "WORM_vault", error: error, minutesAgo: minutesAgo)
        return [.call(call)] + (Fixture.rule.evaluate(call).map { [.alert($0)] } ?? [])
    }

    static let hugeName = String(repeating: "A", count: 160_000)

    static var records: [Record] {
        var r: [Record] = []
        for i in 0..<61 {
            r.append(.job(BackupJob(
                id: "job-w\(i)", kind: i % 3 == 0 ? .copy : .backup, vaultName: "WORM_vault",
                resourceArn: "arn:aws:ec2:us-east-1:444455556666:instance/i-0\(1000 + i)", resourceType: "EC2",
                lifecycle: Lifecycle(deleteAfterDays: i % 5 == 0 ? 1 : 14), state: i % 5 == 0 ? .failed : .completed,
                statusMessage: i % 5 == 0 ? "A 1-day retention is below the Vault Lock minimum of 7 days on WORM_vault." : nil,
                creationDate: Fixture.now.addingTimeInterval(-Double(60 - i) * 3600 - 600))))  // appended oldest first, as a store is
        }
        r += alert(20, "DeleteBackupVaultNotifications", .role("Backup\u{200D}Ops", session: "zwj", account: account), minutesAgo: 30)
        r += alert(21, "StartRestoreJob", .role("Ze\u{301}\u{302}\u{303}\u{304}\u{305}\u{306}\u{307}\u{308}phyr", session: "marks", account: account), minutesAgo: 31)
        r += alert(22, "DeleteRecoveryPoint", .role("BackupVaultAdm\u{0456}n", session: "cyr", account: account), minutesAgo: 32)
        r += alert(23, "DeleteRecoveryPoint", .role("BackupVaultAdmin ", session: "space", account: account), minutesAgo: 33)
        r += alert(24, "DeleteBackupVaultAccessPolicy", .role(hugeName, session: "big", account: account), minutesAgo: 34)
        for n in 25..<32 {
            r += alert(n, "PutBackupVaultNotifications", .role("automation", session: "run\(n)", account: account), minutesAgo: Double(40 + n))
        }
        return r
    }

    static func app(width: Int = 80, height: Int = 24) -> AppState {
        var s = Fixture.app(width: width, height: height)
        var state = Fixture.state
        state.apply(records)
        _ = Update.apply(.snapshot(AccountSnapshot(state: state, sourceName: "demo", generation: 2)), to: &s)
        return s
    }

    static func keys(_ s: inout AppState, _ keys: [Key]) {
        for k in keys { _ = Update.apply(.key(k), to: &s) }
    }

    static func type(_ text: String) -> [Key] { text.map { .char($0) } }
}
