import Foundation
import Testing
@testable import VaultCore

/// Severity ranks what was attempted, by whom, and whether it worked; look-alike admins count.
@Suite struct AlertTriageTests {
    static let admin = "arn:aws:iam::111122223333:role/BackupVaultAdmin"

    static func alert(_ action: String, by principal: Principal, outcome: String = "AccessDenied") -> Alert {
        Alert(
            id: "a", callId: "c", time: Date(timeIntervalSince1970: 0), action: action, principal: principal,
            vaultName: "WORM_vault", recoveryPointArn: nil, outcome: outcome, errorMessage: nil, severity: .warning,
            ruleName: "r", sourceIPAddress: nil)
    }

    static func assess(_ action: String, by principal: Principal, outcome: String = "AccessDenied") -> AlertAssessment {
        AlertTriage.assess(alert(action, by: principal, outcome: outcome), admins: [admin])
    }

    @Test func rootDeletingALockIsNotLevelWithARestoreByAnAutomationRole() {
        let root = Self.assess("DeleteBackupVaultLockConfiguration", by: .root(account: "111122223333"))
        let restore = Self.assess("StartRestoreJob", by: .role("backup-automation", session: "run", account: "111122223333"))
        #expect(root.severity == .high && root.score == 5)
        #expect(restore.severity == .low && restore.score == 1)
        #expect(root.reasons == ["changes the Vault Lock +3", "by root +2"])
    }

    @Test(arguments: [
        ("PutBackupVaultLockConfiguration", 3), ("DeleteBackupVaultLockConfiguration", 3), ("DeleteRecoveryPoint", 2),
        ("DeleteBackupVault", 2), ("PutBackupVaultAccessPolicy", 2), ("DeleteBackupVaultAccessPolicy", 2),
        ("UpdateRecoveryPointLifecycle", 2), ("DeleteBackupVaultNotifications", 1), ("StartCopyJob", 1),
    ] as [(String, Int)])
    func whatWasAttemptedWeighs(_ action: String, _ points: Int) {
        #expect(Self.assess(action, by: .role("DevOps", session: "x", account: "1")).score == points)
    }

    @Test func whoAndTheOutcomeAddUp() {
        let user = Self.assess("DeleteRecoveryPoint", by: .user("ci", account: "1"))
        #expect(user.score == 3 && user.severity == .medium)
        let service = Self.assess(
            "DeleteRecoveryPoint", by: Principal(kind: .awsService, arn: "backup.amazonaws.com", accountId: ""))
        #expect(service.score == 1 && service.severity == .low)
        let succeeded = Self.assess("DeleteRecoveryPoint", by: .role("DevOps", session: "x", account: "1"), outcome: "succeeded")
        #expect(succeeded.score == 6 && succeeded.severity == .critical)
        #expect(succeeded.explanation == "critical (6): deletes or exposes what the lock protects +2 · succeeded: a guardrail did not hold +4")
    }

    /// The level a table shows without the reasons is the assessment's, look-alike included.
    @Test func levelWithoutReasonsIsTheAssessments() {
        let principals: [Principal] = [
            .root(account: "111122223333"), .user("ci", account: "1"), .role("DevOps", session: "x", account: "1"),
            .role("BackupVaultAdm\u{0456}n", session: "x", account: "111122223333"),
            Principal(kind: .awsService, arn: "backup.amazonaws.com", accountId: ""),
        ]
        var assessor = AlertAssessor(admins: [Self.admin])
        for action in ["PutBackupVaultLockConfiguration", "DeleteRecoveryPoint", "StartCopyJob"] {
            for principal in principals {
                for outcome in ["AccessDenied", "succeeded"] {
                    let alert = Self.alert(action, by: principal, outcome: outcome)
                    let whole = assessor.assess(alert)
                    let looksLike = assessor.imitated(by: principal)
                    #expect(looksLike == whole.looksLike)
                    #expect(AlertTriage.severity(action: action, by: principal.kind, looksLike: looksLike, outcome: outcome) == whole.severity)
                }
            }
        }
    }

    /// Each action counts as what it attempts: the lock's two, the seven that delete or expose
    /// what it protects, and anything else (a near miss of a name included).
    @Test func eachActionCountsAsWhatItAttempts() {
        let lock = ["PutBackupVaultLockConfiguration", "DeleteBackupVaultLockConfiguration"]
        let protection = [
            "DeleteRecoveryPoint", "DeleteBackupVault", "PutBackupVaultAccessPolicy", "DeleteBackupVaultAccessPolicy",
            "UpdateRecoveryPointLifecycle", "DisassociateRecoveryPoint", "DisassociateRecoveryPointFromParent",
        ]
        let others = ["StartRestoreJob", "StartCopyJob", "PutBackupVaultNotifications", "deleteRecoveryPoint", "DeleteRecoveryPoint ", ""]
        let principal = Principal.role("DevOps", session: "x", account: "1")
        for (actions, first) in [(lock, "changes the Vault Lock +3"), (protection, "deletes or exposes what the lock protects +2"), (others, "other sensitive action +1")] {
            for action in actions { #expect(Self.assess(action, by: principal).reasons.first == first, "\(action)") }
        }
    }

    @Test func levelsFollowTheScore() {
        #expect([0, 1, 2, 3, 4, 5, 6, 9].map { AlertSeverity(score: $0) } == [.low, .low, .medium, .medium, .high, .high, .critical, .critical])
        #expect(AlertSeverity.allCases.map(\.label) == ["LOW", "MED", "HIGH", "CRIT"])
    }

    @Test(arguments: [
        "BackupVaultAdm\u{0456}n",  // Cyrillic і
        "BackupVaultAdmin ",  // trailing space
        "Backup\u{200B}VaultAdmin",  // zero-width space
        "BackupVau1tAdmin",  // digit one for l
        "ΒackupVaultAdmin",  // Greek capital beta
        "BackupVau\u{04CF}tAdmin",  // Cyrillic palochka for l (UTS #39 maps it to i)
        "BackupVaultAdmin\u{2800}",  // braille blank, drawn as a space
        "BackupVaultAdmin\u{3164}",  // Hangul filler
        "BackupVauItAdmin",  // capital I for l
    ])
    func aLookAlikeOfTheAdminIsFlaggedAndRaisesTheSeverity(_ name: String) {
        let principal = Principal.role(name, session: "s", account: "111122223333")
        let imitated = LookAlike.admin(imitatedBy: principal, admins: [Self.admin])
        let expected = Confusables.looksAlike(name, "BackupVaultAdmin")
        #expect(expected, "\(name.unicodeScalars.map { String($0.value, radix: 16) })")
        #expect(imitated == Self.admin)
        let assessed = Self.assess("DeleteRecoveryPoint", by: principal)
        #expect(assessed.looksLike == imitated)
        if imitated != nil {
            #expect(assessed.score == 4 && assessed.severity == .high)
            #expect(assessed.reasons.last == "looks like the admin role BackupVaultAdmin, is not +2")
        }
    }

    /// Exactly the admin's name, in another account or under another path, is not the admin.
    @Test func theAdminsNameElsewhereIsFlagged() {
        for principal in [
            Principal.role("BackupVaultAdmin", session: "s", account: "999999999999"),
            Principal.role("ops/BackupVaultAdmin", session: "s", account: "111122223333"),
        ] {
            #expect(LookAlike.admin(imitatedBy: principal, admins: [Self.admin]) == Self.admin, "\(principal.judgedArn)")
        }
    }

    @Test func theAdminItselfAndOtherNamesAreNotFlagged() {
        for name in ["BackupVaultAdmin", "BackupVaultAuditor", "DevOps", "BackupVaultAdmins"] {
            let principal = Principal.role(name, session: "s", account: "111122223333")
            #expect(LookAlike.admin(imitatedBy: principal, admins: [Self.admin]) == nil, "\(name)")
        }
    }
}

/// UTS #39 skeletons, from Unicode's confusables.txt.
@Suite struct ConfusablesTests {
    @Test(arguments: [
        ("paypal", "pаypаl"),  // Cyrillic а
        ("scope", "ѕсоре"),  // Cyrillic
        ("admin", "admіn"),
        ("l", "1"), ("O", "0"), ("rn", "rn"),
    ] as [(String, String)])
    func lookAlikesShareASkeleton(_ a: String, _ b: String) {
        #expect(Confusables.skeleton(a) == Confusables.skeleton(b))
    }

    @Test func differentWordsDoNot() {
        #expect(Confusables.skeleton("admin") != Confusables.skeleton("audit"))
        #expect(!Confusables.looksAlike("admin", "admin"), "the same string is not a look-alike")
        #expect(Confusables.looksAlike("rn", "m"), "rn reads as m (confusables.txt maps m → rn)")
    }

    @Test func invisibleAndSpaceCharactersAreIgnored() {
        #expect(Confusables.visible("a\u{200B}b\u{2060}c \u{00A0}d\u{FEFF}") == "abcd")
    }

    /// The ASCII fast path maps exactly as the table does, for every ASCII character.
    @Test func asciiIsMappedAsTheTableMapsIt() {
        let asciiInTable = Confusables.table.filter { $0.key < 0x80 }
        #expect(Dictionary(uniqueKeysWithValues: asciiInTable.map { (UInt8($0.key), String(String.UnicodeScalarView($0.value))) })
            == Confusables.asciiPrototypes)
        for byte in UInt8(0)..<0x80 {
            let text = "a" + String(UnicodeScalar(byte)) + "Z"
            var slow = String.UnicodeScalarView()
            for scalar in text.unicodeScalars {
                if let prototype = Confusables.table[scalar.value] { slow.append(contentsOf: prototype) } else { slow.append(scalar) }
            }
            #expect(Confusables.skeleton(text) == String(slow).decomposedStringWithCanonicalMapping, "\(byte)")
        }
    }

    @Test func theTableIsUnicodes() {
        #expect(Confusables.table.count > 6_000)
        #expect(Confusables.table[0x0430] == ["a"])
    }
}
