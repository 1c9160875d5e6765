import AWSClient
import TestSupport
import Foundation
import Testing

/// AWS's published SigV4 test vectors and the AWS Backup captures of aws-real-sources.md §2.2/§2.3.
@Suite struct SigV4VectorTests {
    let credentials = AWSCredentials(
        accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", source: .supplied)
    let vectorDate = AmzDate.parse("20150830T123600Z")!
    let backupDate = AmzDate.parse("20260102T030405Z")!

    func signature(_ request: HTTPRequest, service: String, at date: Date, token: String? = nil) -> String {
        let creds = AWSCredentials(
            accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey, sessionToken: token, source: .supplied)
        return SigV4Signer(service: service, region: "us-east-1").sign(request, credentials: creds, at: date).signature
    }

    @Test func getVanilla() throws {
        let request = try HTTPRequest(method: "GET", url: "https://example.amazonaws.com/")
        #expect(signature(request, service: "service", at: vectorDate) == "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")
    }

    @Test func getVanillaQueryOrderKeyCase() throws {
        let request = try HTTPRequest(method: "GET", url: "https://example.amazonaws.com/?Param2=value2&Param1=value1")
        #expect(signature(request, service: "service", at: vectorDate) == "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500")
    }

    @Test func backupPutVaultLockWithBodyAndSessionToken() throws {
        let body = Data(#"{"MinRetentionDays": 7, "MaxRetentionDays": 30, "ChangeableForDays": 3}"#.utf8)
        let operation = try AWSOperation.restJSON(
            .backup, "PutBackupVaultLockConfiguration", method: "PUT", path: "/backup-vaults/{backupVaultName}/vault-lock",
            labels: ["backupVaultName": "WORM_vault"], body: body)
        let request = HTTPRequest(method: operation.method, host: "backup.us-east-1.amazonaws.com", path: operation.path, headers: operation.headers, body: operation.body)
        #expect(signature(request, service: "backup", at: backupDate, token: "TOKEN") == "fe251fd8bd0f12b152a3993d54675ae65c2b31ea3d2809efbf24068cfb6bbec3")
    }

    @Test func backupListRecoveryPointsWithEncodedQuery() throws {
        let operation = try AWSOperation.restJSON(
            .backup, "ListRecoveryPointsByBackupVault", method: "GET", path: "/backup-vaults/{backupVaultName}/recovery-points/",
            labels: ["backupVaultName": "WORM_vault"],
            query: [("maxResults", "50"), ("nextToken", "a b/c+d="), ("createdAfter", "2026-01-01T00:00:00Z")])
        #expect(operation.query == "maxResults=50&nextToken=a%20b%2Fc%2Bd%3D&createdAfter=2026-01-01T00%3A00%3A00Z")
        let request = HTTPRequest(method: "GET", host: "backup.us-east-1.amazonaws.com", path: operation.path, query: operation.query)
        #expect(signature(request, service: "backup", at: backupDate, token: "TOKEN") == "22350989553603af0432e8a58447cd96efb5ba38dbb8a63df3bf0e518933537e")
    }

    @Test func backupDeleteRecoveryPointWithArnLabelAndNoBody() throws {
        let operation = try AWSOperation.restJSON(
            .backup, "DeleteRecoveryPoint", method: "DELETE", path: "/backup-vaults/{backupVaultName}/recovery-points/{recoveryPointArn}",
            labels: ["backupVaultName": "WORM_vault", "recoveryPointArn": "arn:aws:ec2:us-east-1::snapshot/snap-0abc"])
        #expect(operation.path == "/backup-vaults/WORM_vault/recovery-points/arn%3Aaws%3Aec2%3Aus-east-1%3A%3Asnapshot%2Fsnap-0abc")
        #expect(operation.headers["Content-Type"] == nil && operation.body.isEmpty)
        let request = HTTPRequest(method: "DELETE", host: "backup.us-east-1.amazonaws.com", path: operation.path)
        #expect(signature(request, service: "backup", at: backupDate, token: "TOKEN") == "277464ca8df0ebd58d7b2f22b99a28ef4e8cb17778476b403c0799628d0e0a73")
    }

    @Test func describeRecoveryPointCanonicalRequestDoubleEncodesTheArn() throws {
        let request = try HTTPRequest(
            method: "GET",
            url: "https://backup.us-east-1.amazonaws.com/backup-vaults/WORM_vault/recovery-points/arn%3Aaws%3Abackup%3Aus-east-1%3A111122223333%3Arecovery-point%3A1EB3B5E7-9EB0-435A-A80B-108B488B0D45?backupVaultAccountId=111122223333")
        let creds = AWSCredentials(
            accessKeyId: "AKIDEXAMPLE", secretAccessKey: credentials.secretAccessKey, sessionToken: "FQoGZXIvYXdzEXAMPLETOKEN", source: .supplied)
        let signed = SigV4Signer(service: "backup", region: "us-east-1").sign(request, credentials: creds, at: backupDate)
        #expect(signed.canonicalRequest.split(separator: "\n")[1]
            == "/backup-vaults/WORM_vault/recovery-points/arn%253Aaws%253Abackup%253Aus-east-1%253A111122223333%253Arecovery-point%253A1EB3B5E7-9EB0-435A-A80B-108B488B0D45")
        #expect(signed.signature == "382029c32d467ae95579c600555ed1ad1b5fa5b19eca84cf899f83a50de8b9f7")
    }

    @Test func dotSegmentsAndEmptySegmentsAreRemovedButATrailingSlashStays() {
        #expect(URIEncoding.removeDotSegments("/a/./b/../c//d/") == "/a/c/d/")
        #expect(URIEncoding.removeDotSegments("/..") == "/")
        #expect(SigV4Canonical.canonicalURI(rawPath: "/backup-vaults/") == "/backup-vaults/")
        #expect(SigV4Canonical.canonicalURI(rawPath: "/a%2Fb", doubleEncode: false) == "/a%2Fb")
    }
}
