import AWSClient
import TestSupport
import Foundation
import Testing

/// Real calls through the client against moto_server: STS GetCallerIdentity and AssumeRole chains,
/// web identity, IMDS and container credentials, and AWS Backup's REST-JSON ListBackupVaults for
/// vaults the AWS CLI created.
@Suite struct MotoEndToEndTests {
    @Test func listBackupVaultsCreatedWithTheAWSCLI() throws {
        let moto = try LocalMoto()
        for name in ["central-backup-vault", "WORM_vault"] {
            try moto.aws(["backup", "create-backup-vault", "--backup-vault-name", name], home: NSTemporaryDirectory())
        }
        let home = try TemporaryHome()
        let configuration = try AWSConfiguration(
            environment: home.environment([
                "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "us-east-1",
                "AWS_ENDPOINT_URL": moto.url,
            ]))
        let client = AWSClient(configuration: configuration)
        let operation = try AWSOperation.restJSON(
            .backup, "ListBackupVaults", method: "GET", path: "/backup-vaults/", query: [("maxResults", "100")])
        let response = try client.send(operation)
        let list = try response.jsonObject()["BackupVaultList"] as? [[String: Any]] ?? []
        #expect(Set(list.compactMap { $0["BackupVaultName"] as? String }) == ["central-backup-vault", "WORM_vault"])
        let describe = try AWSOperation.restJSON(
            .backup, "DescribeBackupVault", method: "GET", path: "/backup-vaults/{backupVaultName}",
            labels: ["backupVaultName": "WORM_vault"])
        #expect(try client.send(describe).jsonObject()["BackupVaultArn"] as? String == "arn:aws:backup:us-east-1:123456789012:backup-vault:WORM_vault")
        let missing = try AWSOperation.restJSON(
            .backup, "DescribeBackupVault", method: "GET", path: "/backup-vaults/{backupVaultName}", labels: ["backupVaultName": "nope"])
        #expect(throws: AWSError.self) { try client.send(missing) }
        do {
            _ = try client.send(missing)
        } catch .service(let operation, let code, _, let status) {
            #expect(operation == "DescribeBackupVault" && code == "ResourceNotFoundException" && status == 400)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func callerIdentityAndAnAssumeRoleChainThroughMotosSTS() throws {
        let moto = try LocalMoto()
        let home = try TemporaryHome(
            config: """
                [profile central]
                role_arn = arn:aws:iam::111122223333:role/VaultWatchReadOnly
                source_profile = base
                role_session_name = vaultwatch
                region = us-east-1

                [profile chain2]
                role_arn = arn:aws:iam::444455556666:role/Second
                source_profile = central
                region = us-east-1
                """,
            credentials: "[base]\naws_access_key_id = AKIDBASEFILE\naws_secret_access_key = basesecret\n")
        let clock = ManualClock(Date())
        let environment = home.environment(["AWS_ENDPOINT_URL_STS": moto.url])
        let central = AWSClient(configuration: try AWSConfiguration(environment: environment, profile: "central"), clock: clock)
        let identity = try central.callerIdentity()
        #expect(identity.arn == "arn:aws:sts::111122223333:assumed-role/VaultWatchReadOnly/vaultwatch")
        #expect(identity.account == "111122223333")
        let first = try central.credentials.credentials()
        #expect(first.source == .assumeRole && first.sessionToken != nil)
        // Still fresh: the same credentials. Inside the 15-minute advisory window: AssumeRole again.
        clock.advance(30 * 60)
        #expect(try central.credentials.credentials() == first)
        clock.advance(20 * 60)
        let refreshed = try central.credentials.credentials()
        #expect(refreshed.accessKeyId != first.accessKeyId)

        let chain = AWSClient(configuration: try AWSConfiguration(environment: environment, profile: "chain2"), clock: clock)
        let second = try chain.callerIdentity()
        #expect(second.arn == "arn:aws:sts::444455556666:assumed-role/Second/botocore-session-\(Int(clock.now().timeIntervalSince1970))")
        // --endpoint-url for Backup does not reach STS: without AWS_ENDPOINT_URL_STS the chain would call real STS.
        let explicitOnly = try AWSConfiguration(
            environment: home.environment(), profile: "central", endpointURLs: [.backup: moto.url])
        #expect(try explicitOnly.endpoint(for: .sts, usingExplicit: false).endpoint.host == "sts.us-east-1.amazonaws.com")
    }

    @Test func webIdentityFromTheEnvironmentAndAProfile() throws {
        let moto = try LocalMoto()
        let home = try TemporaryHome(
            config: "[profile ci]\nweb_identity_token_file = ~/token\nrole_arn = arn:aws:iam::111122223333:role/CI\nrole_session_name = gha\nregion = eu-west-1\n")
        _ = try home.write("eyJhbGciOiJSUzI1NiJ9.e30.c2ln\n", to: "token")
        let fromProfile = AWSClient(
            configuration: try AWSConfiguration(environment: home.environment(["AWS_ENDPOINT_URL": moto.url]), profile: "ci"))
        #expect(try fromProfile.callerIdentity().arn == "arn:aws:sts::111122223333:assumed-role/CI/gha")
        #expect(try fromProfile.credentials.credentials().source == .webIdentity)
        let fromEnvironment = AWSClient(
            configuration: try AWSConfiguration(
                environment: home.environment([
                    "AWS_ENDPOINT_URL": moto.url, "AWS_REGION": "eu-west-1", "AWS_WEB_IDENTITY_TOKEN_FILE": home.path + "/token",
                    "AWS_ROLE_ARN": "arn:aws:iam::444455556666:role/Pod", "AWS_ROLE_SESSION_NAME": "pod",
                ])))
        #expect(try fromEnvironment.callerIdentity().arn == "arn:aws:sts::444455556666:assumed-role/Pod/pod")
    }

    @Test func instanceMetadataAndContainerCredentialsFromMotosMetadataEndpoint() throws {
        let moto = try LocalMoto()
        let home = try TemporaryHome()
        var variables = home.environment().variables
        variables["AWS_EC2_METADATA_DISABLED"] = nil
        variables["AWS_EC2_METADATA_SERVICE_ENDPOINT"] = moto.url
        let imds = try CredentialChain(
            configuration: AWSConfiguration(environment: AWSEnvironment(variables: variables, home: home.path)),
            transport: CurlTransport()
        ).credentials()
        #expect(imds.accessKeyId == "test-key" && imds.source == .instanceMetadata && imds.expiration != nil)

        let container = try CredentialChain(
            configuration: AWSConfiguration(
                environment: home.environment([
                    "AWS_CONTAINER_CREDENTIALS_FULL_URI": moto.url + "/latest/meta-data/iam/security-credentials/default-role",
                    "AWS_CONTAINER_AUTHORIZATION_TOKEN": "pod-identity-token",
                ])),
            transport: CurlTransport()
        ).credentials()
        #expect(container.accessKeyId == "test-key" && container.source == .container)

        let refused = CredentialChain(
            configuration: try AWSConfiguration(
                environment: home.environment(["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://10.1.2.3/creds"])),
            transport: CapturingTransport())
        #expect(throws: AWSError.self) { try refused.credentials() }
        #expect(String(describing: (try? refused.credentials()) as Any).contains("test") == false)
    }
}
