import Foundation
import Testing
import VaultCore

@testable import VaultTUI

/// A 200-column screen spends its width on what is there: columns as wide as their content, the
/// vault pane in long lines, ARNs broken only after a `:` or a `/`, and every row's SOURCE said.
@Suite struct WideScreenTests {
    static func app(_ extra: [Record] = []) -> AppState {
        var s = Fixture.app(width: 200, height: 60)
        var state = Fixture.state
        state.apply(extra)
        _ = Update.apply(.snapshot(AccountSnapshot(state: state, sourceName: "demo", generation: 2)), to: &s)
        return s
    }

    /// Where each column title starts on the header row.
    static func columns(_ line: String) -> [(String, Int)] {
        var out: [(String, Int)] = []
        var x = 0
        var word = ""
        var start = 0
        for c in line {
            if c == " " {
                if !word.isEmpty { out.append((word, start)) }
                word = ""
            } else {
                if word.isEmpty { start = x }
                word.append(c)
            }
            x += 1
        }
        if !word.isEmpty { out.append((word, start)) }
        return out
    }

    @Test func aNameColumnIsAsWideAsItsLongestName() {
        let grid = View.render(Self.app())
        let header = Self.columns(grid.line(2))
        let name = header.first { $0.0 == "NAME" }!.1
        let lock = header.first { $0.0 == "LOCK" }!.1
        // "central-backup-vault" is 20 columns: its column is 21 with the gap, not 50 of padding.
        #expect(lock - name == 21, "\(grid.line(2))")
    }

    @Test func theVaultPaneSaysItsLockInOneLongLine() {
        var s = Self.app()
        _ = Update.apply(.key(.char("G")), to: &s)  // WORM_vault, in its cooling-off period
        let text = View.render(s).text
        #expect(text.contains("After 2026-11-25 10:12 UTC this lock can no longer be changed or removed, not even by root."))
        #expect(text.contains("arn:aws:backup:us-east-1:111122223333:backup-vault:WORM_vault"), "the ARN whole, on one line")
    }

    @Test func aLongArnBreaksAfterAColonOrASlashNeverInsideTheAccount() {
        for width in [20, 31, 42, 47, 60] {
            let arn = "arn:aws:backup:us-east-1:111122223333:recovery-point:0c3f4e5d-1a2b-4c3d-8e9f-0123456789ab"
            let lines = Prose.wrap(arn, width: width)
            #expect(lines.joined() == arn)
            #expect(!lines.contains { $0.hasSuffix("1111") || $0.hasPrefix("2222") }, "\(width): \(lines)")
            for line in lines.dropLast() where line.count < width - 1 {
                #expect(line.hasSuffix(":") || line.hasSuffix("/"), "\(width): \(lines)")
            }
        }
    }

    @Test func anS3PointSaysWhichAccountItCameFromThoughItsArnNamesNone() {
        let s3 = RecoveryPoint(
            arn: "arn:aws:backup:us-east-1:111122223333:recovery-point:s3-1", vaultName: "WORM_vault",
            accountId: Fixture.account, region: Fixture.region, resourceArn: "arn:aws:s3:::invoices-2026", resourceType: "S3",
            resourceName: "invoices-2026", creationDate: Fixture.now - 3600, lifecycle: Lifecycle(deleteAfterDays: 7),
            iamRoleArn: "arn:aws:iam::555566667777:role/service-role/AWSBackupDefaultServiceRole")
        var s = Self.app([.recoveryPoint(s3)])
        _ = Update.apply(.key(.char("2")), to: &s)
        let row = View.render(s).text.split(separator: "\n").first { $0.contains("invoices-2026") }
        #expect(row?.contains("555566667777") == true, "\(row ?? "no row")")
    }
}
