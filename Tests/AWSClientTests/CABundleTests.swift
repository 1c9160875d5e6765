import AWSClient
import Foundation
import TestSupport
import Testing

/// `AWS_CA_BUNDLE` and a profile's `ca_bundle` against moto_server serving https with a certificate
/// signed by a CA made in the test: the vaults the AWS CLI created (trusting the same bundle) are
/// listed with it, and without it, or with another CA, the call fails as TLS naming the bundle.
@Suite struct CABundleTests {
    let authority: TestCertificateAuthority
    let moto: LocalMoto

    init() throws {
        authority = try TestCertificateAuthority()
        moto = try LocalMoto(tls: authority)
        try moto.aws(["backup", "create-backup-vault", "--backup-vault-name", "central-backup-vault"], home: NSTemporaryDirectory())
    }

    private func client(_ home: TemporaryHome, profile: String? = nil, _ variables: [String: String] = [:]) throws -> AWSClient {
        let environment = home.environment(
            [
                "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "us-east-1",
                "AWS_ENDPOINT_URL": moto.url, "AWS_MAX_ATTEMPTS": "1",
            ].merging(variables) { _, new in new })
        return AWSClient(configuration: try AWSConfiguration(environment: environment, profile: profile))
    }

    private func vaultNames(_ client: AWSClient) throws -> [String] {
        let operation = try AWSOperation.restJSON(.backup, "ListBackupVaults", method: "GET", path: "/backup-vaults/")
        let list = try client.send(operation).jsonObject()["BackupVaultList"] as? [[String: Any]] ?? []
        return list.compactMap { $0["BackupVaultName"] as? String }
    }

    /// The TLS failure of ListBackupVaults with `client`, as its one line.
    private func tlsFailure(_ client: AWSClient) throws -> String {
        do {
            _ = try vaultNames(client)
        } catch let error as AWSError {
            guard case .network(_, _, .tls, _) = error else {
                Issue.record("not a TLS failure: \(error)")
                return ""
            }
            return error.description
        }
        Issue.record("ListBackupVaults succeeded without trusting the test CA")
        return ""
    }

    @Test func theBundleFromTheEnvironmentIsTrusted() throws {
        let home = try TemporaryHome()
        #expect(try vaultNames(client(home, ["AWS_CA_BUNDLE": authority.certificate])) == ["central-backup-vault"])
    }

    @Test func withoutTheBundleTheSystemsCertificatesRefuseIt() throws {
        let line = try tlsFailure(client(try TemporaryHome()))
        #expect(line.contains("ListBackupVaults") && line.contains("the system's CA certificates"))
    }

    @Test func anotherCAIsRefusedAndNamed() throws {
        let other = try TestCertificateAuthority(name: "someone else's CA", server: false)
        let line = try tlsFailure(client(try TemporaryHome(), ["AWS_CA_BUNDLE": other.certificate]))
        #expect(line.contains("the CA bundle \(other.certificate) from AWS_CA_BUNDLE"))
    }

    @Test func theProfilesBundleIsTrustedAndTheEnvironmentsWins() throws {
        let other = try TestCertificateAuthority(name: "someone else's CA", server: false)
        let keys = "[prod]\naws_access_key_id = testing\naws_secret_access_key = testing\n"
        let home = try TemporaryHome(config: "[profile prod]\nca_bundle = \(authority.certificate)\n", credentials: keys)
        #expect(try vaultNames(client(home, profile: "prod")) == ["central-backup-vault"])
        let line = try tlsFailure(client(home, profile: "prod", ["AWS_CA_BUNDLE": other.certificate]))
        #expect(line.contains("the CA bundle \(other.certificate) from AWS_CA_BUNDLE"))
        let wrongProfile = try TemporaryHome(config: "[profile prod]\nca_bundle = \(other.certificate)\n", credentials: keys)
        #expect(try tlsFailure(client(wrongProfile, profile: "prod")).contains("from ca_bundle in profile prod"))
    }
}
