import Testing
import VaultCore

@Suite struct ARNTests {
    @Test func parsesAllSixParts() throws {
        let arn = try #require(ARN("arn:aws:backup:us-east-1:111122223333:backup-vault:WORM_vault"))
        #expect(arn.partition == "aws")
        #expect(arn.service == "backup")
        #expect(arn.region == "us-east-1")
        #expect(arn.account == "111122223333")
        #expect(arn.resource == "backup-vault:WORM_vault")
        #expect(arn.shortName == "WORM_vault")
    }

    @Test func globalServiceHasEmptyRegion() throws {
        let arn = try #require(ARN("arn:aws:iam::111122223333:role/BackupVaultAdmin"))
        #expect(arn.region == "")
        #expect(arn.account == "111122223333")
        #expect(arn.resource == "role/BackupVaultAdmin")
    }

    @Test(arguments: [
        ("arn:aws:rds:eu-west-1:444455556666:db:orders", "orders"),
        ("arn:aws:iam::111122223333:role/DevOps", "DevOps"),
        ("arn:aws:sts::111122223333:assumed-role/DevOps/alice", "alice"),
        ("arn:aws:iam::111122223333:root", "root"),
        ("arn:aws:s3:::my-bucket", "my-bucket"),
        ("arn:aws-us-gov:elasticfilesystem:us-gov-west-1:444455556666:file-system/fs-0123", "fs-0123"),
    ])
    func shortName(_ text: String, _ name: String) {
        #expect(ARN(text)?.shortName == name)
    }

    @Test(arguments: ["", "not-an-arn", "arn:aws:iam::111122223333", "urn:aws:iam::111122223333:root", "arn"])
    func rejectsWhatIsNotAnARN(_ text: String) {
        #expect(ARN(text) == nil)
    }

    @Test func sourceAccountComesFromTheResourceArn() {
        #expect(Fixture.point().sourceAccount == "444455556666")
    }
}

@Suite struct PrincipalTests {
    @Test func assumedRoleIsJudgedByItsIssuerRole() {
        let p = Principal.role("DevOps", session: "alice", account: "111122223333")
        #expect(p.kind == .assumedRole)
        #expect(p.arn == "arn:aws:sts::111122223333:assumed-role/DevOps/alice")
        #expect(p.judgedArn == "arn:aws:iam::111122223333:role/DevOps")
        #expect(p.displayName == "DevOps/alice")
    }

    @Test func rootIsJudgedByItsOwnArn() {
        let p = Principal.root(account: "111122223333")
        #expect(p.kind == .root)
        #expect(p.judgedArn == "arn:aws:iam::111122223333:root")
        #expect(p.displayName == "root")
    }

    @Test func iamUserIsJudgedByItsOwnArn() {
        let p = Principal.user("ci-deployer", account: "111122223333")
        #expect(p.kind == .iamUser)
        #expect(p.judgedArn == "arn:aws:iam::111122223333:user/ci-deployer")
        #expect(p.displayName == "ci-deployer")
    }

    @Test(arguments: [
        (Principal(kind: .assumedRole, arn: "arn:aws:iam::111122223333:role/Direct", accountId: "111122223333"), "Direct"),
        (Principal(kind: .awsService, arn: "backup.amazonaws.com", accountId: "111122223333"), "backup.amazonaws.com"),
        (
            Principal(kind: .federatedUser, arn: "arn:aws:sts::111122223333:federated-user/carol", accountId: "111122223333"),
            "federated-user/carol"
        ),
        // A mark or joiner after the prefix's `/` is part of its last character: dropped with it.
        (
            Principal(kind: .assumedRole, arn: "arn:aws:sts::1:assumed-role/\u{0301}Admin/x", accountId: "1"),
            "Admin/x"
        ),
        (Principal(kind: .iamUser, arn: "arn:aws:iam::1:user/\u{200D}ci", accountId: "1"), "ci"),
        (Principal(kind: .iamUser, arn: "arn:aws:iam::1:user/é", accountId: "1"), "é"),
        (Principal(kind: .iamUser, arn: "arn:aws:iam::1:user/", accountId: "1"), ""),
    ])
    func displayNameOfOtherIdentities(_ p: Principal, _ name: String) {
        #expect(p.displayName == name)
        #expect(p.judgedArn == p.arn)
    }

    @Test func kindRawValuesAreCloudTrailTypes() {
        #expect(Principal.Kind.assumedRole.rawValue == "AssumedRole")
        #expect(Principal.Kind.iamUser.rawValue == "IAMUser")
        #expect(Principal.Kind.root.rawValue == "Root")
    }
}
