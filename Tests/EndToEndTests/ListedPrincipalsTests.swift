import Testing
import VaultCore

@testable import vaultwatch

/// What the alerts table shows of each principal is what the dashboard and `--json` say of it:
/// the short name and the admin role it imitates, worked out once per principal.
@Suite("A listing's principals")
struct ListedPrincipalsTests {
    static let admin = "arn:aws:iam::111122223333:role/BackupVaultAdmin"

    @Test("each principal's name and look-alike are the assessment's, however often and in whatever order it comes")
    func sameAsAssessed() {
        let principals: [Principal] = [
            .root(account: "111122223333"), .user("ci", account: "1"), .role("DevOps", session: "x", account: "1"),
            .role("BackupVaultAdm\u{0456}n", session: "x", account: "111122223333"),
            .role("BackupVaultAdmin", session: "x", account: "111122223333"),
            Principal(kind: .awsService, arn: "backup.amazonaws.com", accountId: ""),
        ]
        var listed = ListedPrincipals(admins: [Self.admin])
        for round in 0..<3 {
            for principal in round == 1 ? principals.reversed() : principals {
                let shown = listed.shown(principal)
                #expect(shown.name == principal.displayName)
                #expect(shown.looksLike == LookAlike.admin(imitatedBy: principal, admins: [Self.admin]))
            }
        }
        #expect(listed.shown(principals[3]).looksLike == Self.admin)
        #expect(listed.shown(principals[4]).looksLike == nil)
    }

    @Test("short, empty, non-ASCII and canonically equal ARNs each get their own name, as --json says it")
    func oddArns() {
        let arns = [
            "", "x", "1234567", "12345678", "arn:aws:iam::1:user/é", "arn:aws:iam::1:user/José", "arn:aws:iam::1:user/Jose\u{0301}",
            "arn:aws:iam::1:user/\u{1B}[31m", "arn:aws:sts::1:assumed-role/\u{0301}Admin/x",
        ]
        let principals = arns.flatMap { arn in
            [Principal(kind: .iamUser, arn: arn, accountId: "1"), Principal(kind: .assumedRole, arn: arn, issuerArn: arn, accountId: "1")]
        }
        var listed = ListedPrincipals(admins: [Self.admin])
        for _ in 0..<2 {
            for principal in principals {
                let shown = listed.shown(principal)
                #expect(Array(shown.name.utf8) == Array(principal.displayName.utf8), "\(principal.arn)")
                #expect(shown.looksLike == LookAlike.admin(imitatedBy: principal, admins: [Self.admin]))
            }
        }
    }

    @Test("two principals of one ARN (a hostile store) each get their own answer")
    func sameArnOtherPrincipal() {
        let arn = "arn:aws:sts::111122223333:assumed-role/BackupVaultAdm\u{0456}n/x"
        let session = Principal(kind: .assumedRole, arn: arn, issuerArn: "arn:aws:iam::111122223333:role/BackupVaultAdm\u{0456}n", accountId: "111122223333")
        let admin = Principal(kind: .assumedRole, arn: arn, issuerArn: Self.admin, accountId: "111122223333")
        let account = Principal(kind: .awsAccount, arn: arn, accountId: "444455556666")
        var listed = ListedPrincipals(admins: [Self.admin])
        #expect(listed.shown(session).looksLike == Self.admin)
        #expect(listed.shown(admin).looksLike == nil)
        #expect(listed.shown(account).name == "account 444455556666")
        #expect(listed.shown(session).looksLike == Self.admin)
    }
}
