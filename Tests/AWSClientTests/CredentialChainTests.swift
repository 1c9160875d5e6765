@testable import AWSClient
import TestSupport
import Foundation
import Testing

/// The chain with a temporary HOME and an injected environment: each provider, the precedence
/// between them, partial configuration, expiry and refresh, and errors that say where they looked.
@Suite struct CredentialChainTests {
    let files = (
        config: """
            [default]
            region = eu-west-1

            [profile proc]
            credential_process = python3 PROC 'an argument with spaces'
            region = eu-central-1

            [profile cfgkeys]
            aws_access_key_id = AKIDCONFIGFILE
            aws_secret_access_key = configsecret

            [profile loopa]
            role_arn = arn:aws:iam::111122223333:role/A
            source_profile = loopb

            [profile loopb]
            role_arn = arn:aws:iam::111122223333:role/B
            source_profile = loopa

            [profile dangling]
            role_arn = arn:aws:iam::111122223333:role/A
            source_profile = nowhere

            [profile both]
            role_arn = arn:aws:iam::111122223333:role/A
            source_profile = base
            credential_source = Environment
            """,
        credentials: """
            [default]
            aws_access_key_id = AKIDEFAULTFILE
            aws_secret_access_key = defaultsecret

            [base]
            aws_access_key_id = AKIDBASEFILE
            aws_secret_access_key = basesecret

            [partial]
            aws_access_key_id = AKIDPARTIAL
            """
    )
    let envKeys = ["AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "envsecret"]

    func chain(_ home: TemporaryHome, _ variables: [String: String] = [:], profile: String? = nil, clock: ManualClock = ManualClock())
        throws -> CredentialChain
    {
        CredentialChain(
            configuration: try AWSConfiguration(environment: home.environment(variables), profile: profile), transport: CapturingTransport(),
            clock: clock)
    }

    func problem(_ body: () throws -> Any) -> CredentialProblem? {
        do {
            _ = try body()
        } catch AWSError.credentials(let problem) {
            return problem
        } catch {
            Issue.record("not a credential error: \(error)")
        }
        return nil
    }

    @Test func precedenceEnvBeatsAWSProfileAndAnExplicitProfileBeatsBoth() throws {
        let home = try TemporaryHome(config: files.config, credentials: files.credentials)
        #expect(try chain(home).credentials().accessKeyId == "AKIDEFAULTFILE")
        #expect(try chain(home).credentials().source == .sharedCredentialsFile)
        #expect(try chain(home, envKeys).credentials().accessKeyId == "AKIDENV")
        #expect(try chain(home, envKeys.merging(["AWS_PROFILE": "base"]) { $1 }).credentials().accessKeyId == "AKIDENV")
        #expect(try chain(home, envKeys, profile: "base").credentials().accessKeyId == "AKIDBASEFILE")
        #expect(try chain(home, ["AWS_PROFILE": "cfgkeys"]).credentials().source == .configFile)
        let token = try chain(home, envKeys.merging(["AWS_SESSION_TOKEN": "sess", "AWS_SECURITY_TOKEN": "sec"]) { $1 }).credentials()
        #expect(token.sessionToken == "sec")
    }

    @Test func partialConfigurationIsAnErrorNotAFallThrough() throws {
        let home = try TemporaryHome(config: files.config, credentials: files.credentials)
        let env = problem { try chain(home, ["AWS_ACCESS_KEY_ID": "AKIDONLY"]).credentials() }
        #expect(env?.reason == "partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY")
        let file = problem { try chain(home, profile: "partial").credentials() }
        #expect(file?.reason.contains("partial credentials in profile \"partial\"") == true)
    }

    @Test func nothingFoundNamesEveryPlaceLookedAndWhatToRun() throws {
        let home = try TemporaryHome()
        let missing = problem { try chain(home).credentials() }
        let line = missing.map(String.init(describing:)) ?? ""
        #expect(missing?.kind == .missing)
        #expect(line.contains("env AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (unset)"))
        #expect(line.contains(home.path + "/.aws/credentials") && line.contains(home.path + "/.aws/config"))
        #expect(line.contains("IMDS (disabled by AWS_EC2_METADATA_DISABLED)"))
        #expect(line.contains("run: aws configure --profile default"))
        #expect(!line.contains("\n"))
        let unknown = problem { try AWSConfiguration(environment: home.environment(), profile: "prod") }
        #expect(unknown?.reason == "the config profile \"prod\" (from --profile) could not be found")
    }

    @Test func expiredEnvironmentCredentialsAreRefusedWithTheirExpiry() throws {
        let home = try TemporaryHome()
        let clock = ManualClock(Timestamp.parseISO8601("2026-03-01T12:00:00Z")!)
        var variables = envKeys
        variables["AWS_CREDENTIAL_EXPIRATION"] = "2026-03-01T12:30:00Z"
        let provider = try chain(home, variables, clock: clock)
        #expect(try provider.credentials().expiration == Timestamp.parseISO8601("2026-03-01T12:30:00Z"))
        clock.advance(3600)
        let expired = problem { try provider.credentials() }
        #expect(expired?.kind == .expired)
        #expect(expired?.reason.contains("expired at 2026-03-01T12:30:00Z") == true)
    }

    @Test func roleProfilesThatLoopOrDangleAreRefused() throws {
        let home = try TemporaryHome(config: files.config, credentials: files.credentials)
        let loop = problem { try chain(home, profile: "loopa").credentials() }
        #expect(loop?.reason.contains("infinite loop in credential configuration") == true)
        #expect(loop?.reason.contains("loopa -> loopb -> loopa") == true)
        #expect(problem { try chain(home, profile: "dangling").credentials() }?.reason
            == "the source_profile \"nowhere\" referenced in the profile \"dangling\" does not exist")
        #expect(problem { try chain(home, profile: "both").credentials() }?.reason.contains("both source_profile and credential_source") == true)
    }

    func processHome(script: String) throws -> TemporaryHome {
        let home = try TemporaryHome(config: "", credentials: "")
        let path = try home.write(script, to: "proc.py")
        _ = try home.write(files.config.replacingOccurrences(of: "PROC", with: path), to: ".aws/config")
        return home
    }

    @Test func credentialProcessGoodBadAndRerunNearExpiry() throws {
        let good = try processHome(script: """
            import json, sys, os, datetime
            runs = os.path.join(os.path.dirname(__file__), 'runs')
            n = int(open(runs).read()) + 1 if os.path.exists(runs) else 1
            open(runs, 'w').write(str(n))
            assert sys.argv[1] == 'an argument with spaces'
            print(json.dumps({"Version": 1, "AccessKeyId": f"AKIDPROC{n}", "SecretAccessKey": "procsecret",
                              "SessionToken": "proctoken", "Expiration": "2026-03-01T13:00:00Z"}))
            """)
        let clock = ManualClock(Timestamp.parseISO8601("2026-03-01T12:00:00Z")!)
        let provider = try chain(good, ["AWS_PROFILE": "proc"], clock: clock)
        #expect(try provider.credentials().accessKeyId == "AKIDPROC1")
        #expect(try provider.credentials().source == .process)
        clock.advance(30 * 60)
        #expect(try provider.credentials().accessKeyId == "AKIDPROC1")
        clock.advance(20 * 60)
        #expect(try provider.credentials().accessKeyId == "AKIDPROC2")
        clock.advance(60 * 60)
        #expect(problem { try provider.credentials() }?.kind == .expired)

        let failing = try processHome(script: "import sys\nsys.stderr.write('sso expired \\x1b[31mred\\x1b[0m secret=procsecret\\n')\nsys.exit(3)\n")
        let refused = problem { try chain(failing, ["AWS_PROFILE": "proc"]).credentials() }
        let line = refused.map(String.init(describing:)) ?? ""
        #expect(line.contains("exited with status 3 (what it printed is not shown"), "\(line)")
        #expect(!line.contains("procsecret") && !line.contains("sso expired") && !line.contains("\u{1B}"), "\(line)")

        // A helper that hangs is stopped, not waited on forever.
        let hung = try processHome(script: "import time\ntime.sleep(600)\n")
        let started = Date()
        let stopped = problem {
            _ = try ProcessCredentials.run(
                program: "python3", arguments: [hung.path + "/proc.py"],
                environment: AWSEnvironment(variables: ["PATH": "/usr/bin:/bin"], home: hung.path),
                lookedAt: [], timeout: 1)
        }
        #expect(stopped?.reason.contains("did not finish within 1 s") == true, "\(String(describing: stopped))")
        #expect(Date().timeIntervalSince(started) < 30)

        let badVersion = try processHome(script: "print('{\"Version\": 2, \"AccessKeyId\": \"A\", \"SecretAccessKey\": \"S\"}')\n")
        #expect(problem { try chain(badVersion, ["AWS_PROFILE": "proc"]).credentials() }?.reason.contains("unsupported Version") == true)
    }

    @Test func ssoCacheHitSendsBotocoresGetRoleCredentialsRequest() throws {
        let home = try TemporaryHome(
            config: """
                [profile ssoprof]
                sso_session = corp
                sso_account_id = 111122223333
                sso_role_name = BackupAuditor
                region = eu-west-1

                [sso-session corp]
                sso_start_url = https://corp.awsapps.com/start
                sso_region = eu-west-1

                [profile legacy]
                sso_start_url = https://legacy.awsapps.com/start
                sso_region = us-east-1
                sso_account_id = 111122223333
                sso_role_name = BackupAuditor
                """)
        let cacheFile = home.path + "/.aws/sso/cache/ee0bfd2552fbd840c02cc48b6e823320543c450f.json"
        let clock = ManualClock(Timestamp.parseISO8601("2026-03-01T12:00:00Z")!)
        // Miss: the line names the cache file and says what to run.
        let transport = CapturingTransport()
        let configuration = try AWSConfiguration(environment: home.environment(), profile: "ssoprof")
        let miss = problem { try CredentialChain(configuration: configuration, transport: transport, clock: clock).credentials() }
        #expect(miss?.kind == .missing && miss?.lookedAt == [cacheFile] && miss?.remedy == "aws sso login --profile ssoprof")

        // Hit: the portal request is botocore's, byte for byte (moto has no SSO portal to answer it).
        _ = try home.write(
            #"{"startUrl": "https://corp.awsapps.com/start", "region": "eu-west-1", "accessToken": "cached-token", "expiresAt": "2026-03-01T20:00:00Z"}"#,
            to: ".aws/sso/cache/ee0bfd2552fbd840c02cc48b6e823320543c450f.json")
        _ = try? CredentialChain(configuration: configuration, transport: transport, clock: clock).credentials()
        let sent = try #require(transport.requests.last)
        let expected = try JSONSerialization.jsonObject(
            with: python([
                Resources.oracle, "request", "sso", "get_role_credentials",
                #"{"roleName": "BackupAuditor", "accountId": "111122223333", "accessToken": "cached-token"}"#, "eu-west-1",
            ])) as! [String: Any]
        #expect(sent.method == expected["method"] as? String)
        #expect(sent.urlString == expected["url"] as? String)
        #expect(sent.headers["x-amz-sso_bearer_token"] == "cached-token")
        #expect(sent.headers["Authorization"] == nil)

        // Expired, legacy profile (never refreshed): the line says to log in again.
        _ = try home.write(
            #"{"startUrl": "https://legacy.awsapps.com/start", "region": "us-east-1", "accessToken": "old", "expiresAt": "2026-03-01T11:00:00UTC"}"#,
            to: ".aws/sso/cache/" + sha1Hex("https://legacy.awsapps.com/start") + ".json")
        let legacy = try AWSConfiguration(environment: home.environment(), profile: "legacy")
        let expired = problem { try CredentialChain(configuration: legacy, transport: transport, clock: clock).credentials() }
        #expect(expired?.kind == .expired)
        #expect(expired.map(String.init(describing:))?.contains("run: aws sso login --profile legacy") == true)
    }

    @Test func ssoSessionTokenNearExpiryIsRefreshedWithBotocoresCreateTokenRequest() throws {
        let home = try TemporaryHome(
            config: """
                [profile ssoprof]
                sso_session = corp
                sso_account_id = 111122223333
                sso_role_name = BackupAuditor

                [sso-session corp]
                sso_start_url = https://corp.awsapps.com/start
                sso_region = eu-west-1
                """)
        _ = try home.write(
            """
            {"startUrl": "https://corp.awsapps.com/start", "region": "eu-west-1", "accessToken": "soon-expired",
             "expiresAt": "2026-03-01T12:10:00Z", "refreshToken": "refresh-me", "clientId": "client-1",
             "clientSecret": "client-secret", "registrationExpiresAt": "2026-06-01T00:00:00Z"}
            """, to: ".aws/sso/cache/ee0bfd2552fbd840c02cc48b6e823320543c450f.json")
        let transport = CapturingTransport()
        let clock = ManualClock(Timestamp.parseISO8601("2026-03-01T12:00:00Z")!)
        let configuration = try AWSConfiguration(environment: home.environment(), profile: "ssoprof")
        _ = try? CredentialChain(configuration: configuration, transport: transport, clock: clock).credentials()
        let requests = transport.requests
        try #require(requests.count >= 2)
        let expected = try JSONSerialization.jsonObject(
            with: python([
                Resources.oracle, "request", "sso-oidc", "create_token",
                #"{"clientId": "client-1", "clientSecret": "client-secret", "grantType": "refresh_token", "refreshToken": "refresh-me"}"#,
                "eu-west-1",
            ])) as! [String: Any]
        let refresh = requests[0]
        #expect(refresh.method == expected["method"] as? String && refresh.urlString == expected["url"] as? String)
        #expect(refresh.headers["Authorization"] == nil && refresh.headers["Content-Type"] == "application/json")
        let sentBody = try JSONSerialization.jsonObject(with: refresh.body) as? [String: String]
        let botocoreBody = try JSONSerialization.jsonObject(with: Data((expected["body"] as? String ?? "").utf8)) as? [String: String]
        #expect(sentBody == botocoreBody)
        // The refresh could not be answered, the token still holds for 10 minutes: it is used.
        #expect(requests.last?.headers["x-amz-sso_bearer_token"] == "soon-expired")
    }

    @Test func secretsNeverAppearInDescriptions() throws {
        let credentials = AWSCredentials(
            accessKeyId: "AKIAEXAMPLEKEY1234", secretAccessKey: "verysecretvalue", sessionToken: "sessiontokenvalue",
            expiration: Timestamp.parseISO8601("2026-03-01T12:00:00Z"), source: .sso)
        var dumped = ""
        dump(credentials, to: &dumped)
        for text in [String(describing: credentials), String(reflecting: credentials), "\(credentials)", dumped] {
            #expect(!text.contains("verysecretvalue") && !text.contains("sessiontokenvalue") && !text.contains("AKIAEXAMPLEKEY"))
            #expect(text.contains("****1234"))
        }
    }
}

func sha1Hex(_ text: String) -> String {
    let data = try? python(["-c", "import hashlib,sys; print(hashlib.sha1(sys.argv[1].encode()).hexdigest())", text])
    return String(decoding: data ?? Data(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
}
