import Foundation

/// Something that hands out credentials, refreshing them when they near expiry. Blocking and
/// thread-safe. Failures are `AWSError.credentials`.
public protocol CredentialProvider: Sendable {
    func credentials() throws -> AWSCredentials
    /// What to run when these credentials are missing, expired or refused (`aws sso login --profile prod`).
    var remedy: String? { get }
}

extension CredentialProvider {
    public var remedy: String? { nil }
}

/// Credentials given as they are (tests, or a caller that has its own).
public struct StaticCredentials: CredentialProvider {
    public let value: AWSCredentials
    public init(_ value: AWSCredentials) { self.value = value }
    public func credentials() throws -> AWSCredentials { value }
}

/// Caches what `fetch` returns and fetches again near expiry, with botocore's windows
/// (`RefreshableCredentials`): from 15 minutes before expiry a refresh is attempted and its failure
/// ignored while the old credentials last (advisory); from 10 minutes before, a refresh must succeed
/// (mandatory). Credentials without an expiration are kept for good.
public final class RefreshingCredentials: CredentialProvider {
    public static let advisoryWindow: TimeInterval = 15 * 60
    public static let mandatoryWindow: TimeInterval = 10 * 60

    private let fetch: @Sendable () throws -> AWSCredentials
    private let clock: any AWSClock
    private let cached = Locked<AWSCredentials?>(nil)
    public let remedy: String?
    private let describeExpired: @Sendable (AWSCredentials) -> CredentialProblem

    public init(
        clock: any AWSClock, remedy: String? = nil,
        expired: @escaping @Sendable (AWSCredentials) -> CredentialProblem = { credentials in
            CredentialProblem(
                kind: .expired,
                reason: "the \(credentials.source.rawValue) credentials were refreshed but are still expired")
        },
        fetch: @escaping @Sendable () throws -> AWSCredentials
    ) {
        self.clock = clock
        self.remedy = remedy
        self.describeExpired = expired
        self.fetch = fetch
    }

    public func credentials() throws -> AWSCredentials {
        try cached.withLock { cached in
            let now = clock.now()
            if let current = cached {
                if !current.expires(within: Self.advisoryWindow, of: now) { return current }
                if !current.expires(within: Self.mandatoryWindow, of: now) {
                    if let fresh = try? fetch(), !fresh.expires(within: 0, of: now) { cached = fresh }
                    return cached ?? current
                }
            }
            let fresh = try fetch()
            if fresh.expires(within: 0, of: clock.now()) { throw AWSError.credentials(describeExpired(fresh)) }
            cached = fresh
            return fresh
        }
    }
}
