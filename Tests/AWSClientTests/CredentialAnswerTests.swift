import Foundation
import Testing

@testable import AWSClient

/// An answer that carries credentials is never quoted in the error that says it cannot be read:
/// its first bytes may be a secret (found by the AWS answers fuzzer: a truncated answer whose
/// first member is the secret).
@Suite struct CredentialAnswerTests {
    static let secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY"

    func answer(_ operation: String, _ body: String) -> AWSResponse {
        AWSResponse(operation: operation, status: 200, headers: HTTPHeaders(), body: Data(body.utf8))
    }

    @Test("a truncated SSO answer whose first member is the secret: the error gives its length only")
    func ssoRoleCredentials() {
        let body = #"{"roleCredentials":{"secretAccessKey":"\#(Self.secret.prefix(20))"#
        #expect(throws: AWSError.badResponse(
            operation: "GetRoleCredentials", status: 200,
            problem: "the body is not JSON: \(body.utf8.count) bytes, not shown (the answer carries credentials)")) {
            try SSOCredentials.roleCredentials(from: answer("GetRoleCredentials", body))
        }
    }

    @Test("a truncated STS answer that starts at the secret: the error gives its length only")
    func stsCredentials() throws {
        let body = "<Credentials><SecretAccessKey>\(Self.secret.prefix(20))"
        do {
            _ = try STS.credentials(from: answer("AssumeRole", body), source: .assumeRole)
            Issue.record("a truncated answer was read")
        } catch {
            #expect(!"\(error)".contains(Self.secret.prefix(8)))
            #expect("\(error)".contains("\(body.utf8.count) bytes, not shown"))
        }
    }

    @Test("an answer without credentials is still quoted, inert, to say what came instead")
    func otherAnswersAreQuoted() {
        #expect(throws: AWSError.badResponse(
            operation: "ListBackupVaults", status: 200, problem: "the body is not JSON: starts with \"<html>\u{FFFD}[1m\" (10 bytes)")) {
            try answer("ListBackupVaults", "<html>\u{1B}[1m").jsonObject()
        }
    }
}
