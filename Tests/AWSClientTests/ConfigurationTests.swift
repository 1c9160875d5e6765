import AWSClient
import TestSupport
import Foundation
import Testing

/// Region (CLI v2) and endpoint resolution (aws-real-sources.md §1.4, §1.5) as tables.
@Suite struct ConfigurationTests {
    let config = """
        [default]
        region = eu-west-1

        [profile ep]
        region = us-west-2
        endpoint_url = http://127.0.0.1:5999
        services = localsvc

        [services localsvc]
        backup =
          endpoint_url = http://127.0.0.1:5123
        eventbridge =
          endpoint_url = http://127.0.0.1:5124/events-base

        [profile noregion]
        output = json

        [profile retry]
        region = eu-west-1
        max_attempts = 7
        retry_mode = standard
        """

    func configuration(_ variables: [String: String], profile: String? = nil, region: String? = nil, endpoints: [AWSService: String] = [:])
        throws -> AWSConfiguration
    {
        let home = try TemporaryHome(config: config)
        return try AWSConfiguration(environment: home.environment(variables), profile: profile, region: region, endpointURLs: endpoints)
    }

    @Test(arguments: [
        ([String: String](), nil as String?, nil as String?, "eu-west-1"),
        (["AWS_DEFAULT_REGION": "ap-south-1"], nil, nil, "ap-south-1"),
        (["AWS_REGION": "ca-central-1", "AWS_DEFAULT_REGION": "ap-south-1"], nil, nil, "ca-central-1"),
        (["AWS_REGION": "ca-central-1"], "ep", "sa-east-1", "sa-east-1"),
        (["AWS_PROFILE": "ep"], nil, nil, "us-west-2"),
    ])
    func region(variables: [String: String], profile: String?, explicit: String?, expected: String) throws {
        #expect(try configuration(variables, profile: profile, region: explicit).region == expected)
    }

    @Test func noRegionIsAnErrorNamingTheFourPlaces() throws {
        let configuration = try configuration([:], profile: "noregion")
        #expect(configuration.region == nil)
        #expect(throws: AWSError.self) { try configuration.endpoint(for: .backup) }
        do {
            _ = try configuration.requireRegion()
        } catch {
            #expect("\(error)".contains("--region, AWS_REGION, AWS_DEFAULT_REGION, or region in profile noregion"))
        }
    }

    @Test(arguments: [
        ([String: String](), nil as String?, "https://backup.eu-west-1.amazonaws.com"),
        (["AWS_ENDPOINT_URL": "http://g:1"], nil, "http://g:1"),
        (["AWS_ENDPOINT_URL": "http://g:1", "AWS_ENDPOINT_URL_BACKUP": "http://b:2"], nil, "http://b:2"),
        (["AWS_PROFILE": "ep"], nil, "http://127.0.0.1:5123"),
        (["AWS_PROFILE": "ep", "AWS_ENDPOINT_URL": "http://g:1"], nil, "http://g:1"),
        (["AWS_PROFILE": "ep", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"], nil, "https://backup.us-west-2.amazonaws.com"),
        (["AWS_ENDPOINT_URL_BACKUP": "http://b:2"], "http://cli:3", "http://cli:3"),
        (["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true", "AWS_ENDPOINT_URL": "http://g:1"], "http://cli:3", "http://cli:3"),
    ])
    func backupEndpoint(variables: [String: String], explicit: String?, expected: String) throws {
        let configuration = try configuration(variables, endpoints: explicit.map { [.backup: $0] } ?? [:])
        #expect(try configuration.endpoint(for: .backup).endpoint.description == expected)
    }

    @Test func eachServiceHasItsDefaultAndItsOwnOverrideNames() throws {
        let plain = try configuration(["AWS_REGION": "eu-central-1"])
        let expected: [(AWSService, String, String)] = [
            (.backup, "https://backup.eu-central-1.amazonaws.com", "eu-central-1"),
            (.sts, "https://sts.eu-central-1.amazonaws.com", "eu-central-1"),
            (.organizations, "https://organizations.us-east-1.amazonaws.com", "us-east-1"),
            (.sso, "https://portal.sso.eu-central-1.amazonaws.com", "eu-central-1"),
            (.ssoOIDC, "https://oidc.eu-central-1.amazonaws.com", "eu-central-1"),
            (.cloudTrail, "https://cloudtrail.eu-central-1.amazonaws.com", "eu-central-1"),
            (.sqs, "https://sqs.eu-central-1.amazonaws.com", "eu-central-1"),
            (.eventBridge, "https://events.eu-central-1.amazonaws.com", "eu-central-1"),
            (.kms, "https://kms.eu-central-1.amazonaws.com", "eu-central-1"),
        ]
        for (service, url, signing) in expected {
            let resolved = try plain.endpoint(for: service)
            #expect(resolved.endpoint.description == url && resolved.signingRegion == signing, "\(service)")
        }
        #expect(try configuration(["AWS_REGION": "cn-north-1"]).endpoint(for: .organizations).endpoint.host == "organizations.cn-northwest-1.amazonaws.com.cn")
        let names = try configuration([
            "AWS_REGION": "eu-west-1", "AWS_ENDPOINT_URL_EVENTBRIDGE": "http://e:1", "AWS_ENDPOINT_URL_SSO_OIDC": "http://o:2",
            "AWS_ENDPOINT_URL_ORGANIZATIONS": "http://org:3",
        ])
        #expect(try names.endpoint(for: .eventBridge).endpoint.description == "http://e:1")
        #expect(try names.endpoint(for: .ssoOIDC).endpoint.description == "http://o:2")
        #expect(try names.endpoint(for: .organizations).endpoint.description == "http://org:3")
        // The [services] key for events is `eventbridge`; an endpoint URL may carry a path.
        let section = try configuration(["AWS_PROFILE": "ep"])
        #expect(try section.endpoint(for: .eventBridge).endpoint.description == "http://127.0.0.1:5124/events-base")
        #expect(try section.endpoint(for: .sqs).endpoint.description == "http://127.0.0.1:5999")
    }

    @Test func explicitEndpointReachesOnlyItsServiceNotTheChainsSTS() throws {
        let configuration = try configuration(["AWS_REGION": "eu-west-1"], endpoints: [.backup: "http://cli:3", .sts: "http://sts-cli:4"])
        #expect(try configuration.endpoint(for: .backup).endpoint.description == "http://cli:3")
        #expect(try configuration.endpoint(for: .kms).endpoint.description == "https://kms.eu-west-1.amazonaws.com")
        #expect(try configuration.endpoint(for: .sts, usingExplicit: false).endpoint.description == "https://sts.eu-west-1.amazonaws.com")
    }

    @Test func retrySettingsFromEnvironmentThenProfile() throws {
        #expect(try configuration([:]).retry == RetryConfiguration(mode: .standard, maxAttempts: 3))
        #expect(try configuration(["AWS_PROFILE": "retry"]).retry.maxAttempts == 7)
        #expect(try configuration(["AWS_PROFILE": "retry", "AWS_MAX_ATTEMPTS": "2"]).retry.maxAttempts == 2)
        #expect(throws: AWSError.self) { try configuration(["AWS_MAX_ATTEMPTS": "zero"]) }
        #expect(throws: AWSError.self) { try configuration(["AWS_RETRY_MODE": "fast"]) }
    }

    /// botocore reads only regular files (`os.path.isfile`): `/dev/null`, a directory or a FIFO is no
    /// file at all, so `AWS_CONFIG_FILE=/dev/null` means "no config file", as in the AWS CLI.
    @Test func aConfigFileThatIsNotARegularFileIsNoFile() throws {
        let home = try TemporaryHome()
        let fifo = home.path + "/fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        for path in ["/dev/null", home.path + "/.aws", fifo] {
            let configuration = try AWSConfiguration(
                environment: home.environment([
                    "AWS_CONFIG_FILE": path, "AWS_SHARED_CREDENTIALS_FILE": path, "AWS_ACCESS_KEY_ID": "AKIDNULL",
                    "AWS_SECRET_ACCESS_KEY": "nullsecret", "AWS_REGION": "eu-west-1",
                ]))
            #expect(configuration.profile.isEmpty && configuration.region == "eu-west-1", "\(path)")
            let credentials = try CredentialChain(configuration: configuration, transport: CapturingTransport()).credentials()
            #expect(credentials.accessKeyId == "AKIDNULL" && credentials.source == .environment, "\(path)")
            #expect(throws: AWSError.self, "\(path)") {
                try AWSConfiguration(environment: home.environment(["AWS_CONFIG_FILE": path]), profile: "prod")
            }
        }
    }
}
