import Foundation

/// SSO profiles (`sso_session` + `[sso-session NAME]`, or legacy `sso_start_url` + `sso_region` in the
/// profile) with `sso_account_id` and `sso_role_name`: the token `aws sso login` cached is exchanged
/// for role credentials with the portal's GetRoleCredentials (unsigned, bearer token). A token of an
/// sso-session that expires within 15 minutes is refreshed with sso-oidc CreateToken when the cache
/// holds a refresh token and an unexpired client registration, and written back. A missing or expired
/// token is an error that says to run `aws sso login --profile NAME`.
enum SSOCredentials {
    static let refreshWindow: TimeInterval = 15 * 60
    static let requiredKeys = ["sso_start_url", "sso_region", "sso_account_id", "sso_role_name"]

    static func applies(_ keys: [String: String]) -> Bool {
        keys["sso_session"] != nil || keys["sso_start_url"] != nil || keys["sso_account_id"] != nil
            || keys["sso_role_name"] != nil
    }

    struct Settings: Sendable {
        let profile: String
        let sessionName: String?
        let startURL: String
        let region: String
        let accountId: String
        let roleName: String
        var cacheKey: String { sessionName ?? startURL }
    }

    static func settings(profile: String, keys: [String: String], files: SharedConfig) throws -> Settings {
        var merged = keys
        if let session = keys["sso_session"] {
            guard let section = files.ssoSessions[session] else {
                throw AWSError.credentials(
                    CredentialProblem(
                        kind: .refused,
                        reason: "profile \"\(profile)\" names sso_session \"\(session)\", which has no [sso-session \(session)] section",
                        lookedAt: [files.configFilePath], remedy: "aws configure sso --profile \(profile)"))
            }
            for key in ["sso_start_url", "sso_region"] {
                if let mine = keys[key], let theirs = section[key], mine != theirs {
                    throw AWSError.credentials(
                        CredentialProblem(
                            kind: .refused,
                            reason: "profile \"\(profile)\" sets \(key) differently from [sso-session \(session)]",
                            lookedAt: [files.configFilePath]))
                }
                if let theirs = section[key] { merged[key] = theirs }
            }
        }
        let missing = requiredKeys.filter { merged[$0] == nil }
        guard missing.isEmpty else {
            throw AWSError.credentials(
                CredentialProblem(
                    kind: .refused,
                    reason: "profile \"\(profile)\" is configured for SSO but lacks \(missing.joined(separator: ", "))",
                    lookedAt: [files.configFilePath], remedy: "aws configure sso --profile \(profile)"))
        }
        return Settings(
            profile: profile, sessionName: keys["sso_session"], startURL: merged["sso_start_url"]!, region: merged["sso_region"]!,
            accountId: merged["sso_account_id"]!, roleName: merged["sso_role_name"]!)
    }

    static func provider(settings: Settings, configuration: AWSConfiguration, transport: any HTTPTransport, clock: any AWSClock)
        -> any CredentialProvider
    {
        let remedy = "aws sso login --profile \(settings.profile)"
        let cache = SSOTokenCache(home: configuration.environment.home)
        let client = AWSClient(
            configuration: configuration,
            credentials: StaticCredentials(AWSCredentials(accessKeyId: "", secretAccessKey: "", source: .supplied)),
            transport: transport, clock: clock)
        return RefreshingCredentials(clock: clock, remedy: remedy) {
            let token = try accessToken(settings: settings, cache: cache, client: client, clock: clock, remedy: remedy)
            let operation = getRoleCredentials(settings: settings, accessToken: token)
            let file = cache.path(forKey: settings.cacheKey)
            do {
                let response = try client.send(operation, region: settings.region, useExplicitEndpoint: false)
                return try roleCredentials(from: response)
            } catch AWSError.service(_, let code, let message, _) where code == "UnauthorizedException" || code == "401" {
                throw AWSError.credentials(
                    CredentialProblem(
                        kind: .expired, reason: "the SSO portal refused the cached token (\(code)): \(message)",
                        lookedAt: [file], remedy: remedy))
            } catch {
                throw STSExchange.refusal(
                    error, what: "SSO GetRoleCredentials for \(settings.roleName) in \(settings.accountId)", lookedAt: [file],
                    remedy: remedy)
            }
        }
    }

    /// `GET /federation/credentials?role_name=…&account_id=…` with `x-amz-sso_bearer_token`, unsigned.
    static func getRoleCredentials(settings: Settings, accessToken: String) -> AWSOperation {
        var operation = try! AWSOperation.restJSON(
            .sso, "GetRoleCredentials", method: "GET", path: "/federation/credentials",
            query: [("role_name", settings.roleName), ("account_id", settings.accountId)],
            headers: ["x-amz-sso_bearer_token": accessToken])
        operation.signed = false
        return operation
    }

    /// sso-oidc `CreateToken` with the refresh-token grant: `POST /token`, JSON body, unsigned.
    static func createToken(clientId: String, clientSecret: String, refreshToken: String) -> AWSOperation {
        let body: [String: String] = [
            "clientId": clientId, "clientSecret": clientSecret, "grantType": "refresh_token", "refreshToken": refreshToken,
        ]
        let data = (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])) ?? Data()
        var operation = try! AWSOperation.restJSON(.ssoOIDC, "CreateToken", method: "POST", path: "/token", body: data)
        operation.signed = false
        return operation
    }

    static func roleCredentials(from response: AWSResponse) throws(AWSError) -> AWSCredentials {
        let object = try response.holdingSecrets.jsonObject()
        guard let role = object["roleCredentials"] as? [String: Any], let key = role["accessKeyId"] as? String,
            let secret = role["secretAccessKey"] as? String
        else { throw response.bad("roleCredentials lacks accessKeyId or secretAccessKey") }
        guard let expiration = (role["expiration"] as? NSNumber)?.doubleValue else {
            throw response.bad("roleCredentials.expiration is not epoch milliseconds")
        }
        return AWSCredentials(
            accessKeyId: key, secretAccessKey: secret, sessionToken: role["sessionToken"] as? String,
            expiration: Date(timeIntervalSince1970: expiration / 1000), source: .sso)
    }

    /// The cached access token, refreshed first when an sso-session token nears expiry.
    static func accessToken(settings: Settings, cache: SSOTokenCache, client: AWSClient, clock: any AWSClock, remedy: String)
        throws -> String
    {
        let file = cache.path(forKey: settings.cacheKey)
        let label = settings.sessionName.map { "sso-session \"\($0)\"" } ?? "start URL \(settings.startURL)"
        guard var token = try cache.load(key: settings.cacheKey) else {
            throw AWSError.credentials(
                CredentialProblem(kind: .missing, reason: "no SSO token cached for \(label)", lookedAt: [file], remedy: remedy))
        }
        guard var expiresAt = SSOTokenCache.date(token["expiresAt"]), token["accessToken"] is String else {
            throw AWSError.credentials(
                CredentialProblem(
                    kind: .refused, reason: "the SSO token cache for \(label) lacks accessToken or expiresAt", lookedAt: [file],
                    remedy: remedy))
        }
        let now = clock.now()
        if settings.sessionName != nil, expiresAt.timeIntervalSince(now) < refreshWindow,
            let refreshed = refresh(token, settings: settings, client: client, now: now)
        {
            token = refreshed
            expiresAt = SSOTokenCache.date(refreshed["expiresAt"]) ?? expiresAt
            cache.save(refreshed, key: settings.cacheKey)
        }
        guard expiresAt > now, let access = token["accessToken"] as? String else {
            throw AWSError.credentials(
                CredentialProblem(
                    kind: .expired, reason: "the SSO token for \(label) expired at \(Timestamp.iso8601(expiresAt))",
                    lookedAt: [file], remedy: remedy))
        }
        return access
    }

    /// botocore `SSOTokenProvider._refresh_access_token`: nil when the cache cannot refresh or the call fails.
    static func refresh(_ token: [String: Any], settings: Settings, client: AWSClient, now: Date) -> [String: Any]? {
        guard let refreshToken = token["refreshToken"] as? String, let clientId = token["clientId"] as? String,
            let clientSecret = token["clientSecret"] as? String,
            let registration = SSOTokenCache.date(token["registrationExpiresAt"]), registration > now
        else { return nil }
        let operation = createToken(clientId: clientId, clientSecret: clientSecret, refreshToken: refreshToken)
        guard let response = try? client.send(operation, region: settings.region, useExplicitEndpoint: false),
            let object = try? response.jsonObject(), let access = object["accessToken"] as? String,
            let expiresIn = (object["expiresIn"] as? NSNumber)?.doubleValue
        else { return nil }
        var fresh = token
        fresh["startUrl"] = settings.startURL
        fresh["region"] = settings.region
        fresh["accessToken"] = access
        fresh["expiresAt"] = Timestamp.iso8601(now.addingTimeInterval(expiresIn))
        if let newRefresh = object["refreshToken"] as? String { fresh["refreshToken"] = newRefresh }
        return fresh
    }
}
