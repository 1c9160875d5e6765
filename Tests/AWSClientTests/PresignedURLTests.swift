import AWSClient
import Foundation
import TestSupport
import Testing

/// A presigned URL (the signature in the query string, as botocore's `generate_presigned_url` makes
/// it) is verified as AWS verifies one: accepted while `X-Amz-Expires` runs, refused when tampered
/// with, signed by an unknown key, or late. It was refused as "missing Authentication Token".
@Suite struct PresignedURLTests {
    static let secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"

    /// botocore's presigned URL for each operation, with the date it was signed at.
    static func presigned(_ calls: [(service: String, operation: String, parameters: String)], expires: Int) throws -> [String] {
        let script = """
            import json, sys, botocore.session
            s = botocore.session.get_session()
            s.set_credentials('AKIDEXAMPLE', sys.argv[1])
            for service, operation, parameters in json.loads(sys.argv[3]):
                c = s.create_client(service, region_name='us-east-1', endpoint_url='http://127.0.0.1:9125')
                print(c.generate_presigned_url(operation, Params=json.loads(parameters), ExpiresIn=int(sys.argv[2])))
            """
        let list = String(decoding: try JSONSerialization.data(withJSONObject: calls.map { [$0.service, $0.operation, $0.parameters] }), as: UTF8.self)
        return String(decoding: try python(["-c", script, secret, String(expires), list]), as: UTF8.self).split(separator: "\n").map(String.init)
    }

    static func signedAt(_ url: String) throws -> Date {
        let value = try #require(url.split(separator: "&").first { $0.hasPrefix("X-Amz-Date=") }?.dropFirst("X-Amz-Date=".count))
        return try #require(AmzDate.parse(String(value)))
    }

    func refusal(_ verdict: SigV4Verifier.Verdict) -> SigV4Verifier.Refusal.Code? {
        if case .refused(let refusal) = verdict { return refusal.code }
        return nil
    }

    @Test func botocorePresignedURLsAreCheckedAsAWSChecksThem() throws {
        let urls = try Self.presigned(
            [("backup", "list_backup_vaults", "{}"), ("backup", "describe_backup_vault", #"{"BackupVaultName": "central"}"#),
             ("backup", "list_recovery_points_by_backup_vault", #"{"BackupVaultName": "a b:c", "MaxResults": 5}"#)],
            expires: 300)
        #expect(urls.count == 3)
        let verifier = SigV4Verifier(service: "backup") { $0 == "AKIDEXAMPLE" ? Self.secret : nil }
        for url in urls {
            let request = try HTTPRequest(method: "GET", url: url)
            let signed = try Self.signedAt(url)
            #expect(
                verifier.verify(request, now: signed.addingTimeInterval(299))
                    == .valid(accessKeyId: "AKIDEXAMPLE", region: "us-east-1", service: "backup", sessionToken: nil), "\(url)")
            #expect(refusal(verifier.verify(request, now: signed.addingTimeInterval(301))) == .requestExpired)
            #expect(refusal(verifier.verify(request, now: signed.addingTimeInterval(-16 * 60))) == .requestExpired)
            #expect(refusal(SigV4Verifier(service: "backup") { _ in nil }.verify(request, now: signed)) == .invalidClientTokenId)
            #expect(refusal(SigV4Verifier(service: "backup") { _ in "other" }.verify(request, now: signed)) == .invalidSignature)
            #expect(refusal(SigV4Verifier(service: "sts") { _ in Self.secret }.verify(request, now: signed)) == .invalidSignature)
            var tampered = request
            tampered.query = request.query.replacingOccurrences(of: "X-Amz-Expires=300", with: "X-Amz-Expires=30000")
            #expect(refusal(verifier.verify(tampered, now: signed)) == .invalidSignature)
            var otherPath = request
            otherPath.path += "x"
            #expect(refusal(verifier.verify(otherPath, now: signed)) == .invalidSignature)
            var unsigned = request
            unsigned.query = request.query.split(separator: "&").filter { !$0.hasPrefix("X-Amz-Signature=") }.joined(separator: "&")
            #expect(refusal(verifier.verify(unsigned, now: signed)) == .incompleteSignature)
        }
        // Longer than AWS's seven days is refused however it is signed.
        let week = try HTTPRequest(method: "GET", url: try #require(try Self.presigned([("backup", "list_backup_vaults", "{}")], expires: 700_000).first))
        #expect(refusal(verifier.verify(week, now: Date())) == .incompleteSignature)
    }
}
