import AWSClient
import Foundation
import VaultDemo

/// An emulator served in this process on 127.0.0.1 and a port the system chose: what the demo,
/// the tests and the benchmark reach through HTTP, SigV4 and all, with `connection(as:)` for each
/// principal.
public final class LocalEmulator: Sendable {
    public let emulator: Emulator
    let server: HTTPServer

    public init(_ emulator: Emulator, port: Int = 0) throws {
        self.emulator = emulator
        server = try HTTPServer(port: port) { emulator.handle($0) }
        server.start()
    }

    /// An emulator of a new, empty demo account (or over `backend`) with fresh keys, no store.
    public convenience init(
        backend: DemoBackend? = nil, speed: Double = 1, jobSeconds: TimeInterval = 2, port: Int = 0
    ) throws {
        let emulator = Emulator(
            backend: backend ?? DemoBackend(accountId: DemoAccount.accountId, region: DemoAccount.region, guardrail: .none),
            principals: EmulatorPrincipals.generate(), clock: EmulatorClock(speed: speed), jobSeconds: jobSeconds)
        try self.init(emulator, port: port)
    }

    public var port: Int { server.port }
    public var endpoint: String { "http://127.0.0.1:\(server.port)" }

    /// How to reach the endpoint as the principal called `name` (`admin`, `operator`, …).
    public func connection(as name: String) -> EmulatorConnection? {
        emulator.principal(named: name).map {
            EmulatorConnection(endpoint: endpoint, region: emulator.backend.region, principal: $0)
        }
    }

    public func stop() { server.stop() }
}

/// Everything a client needs to call an emulator as one principal.
public struct EmulatorConnection: Sendable {
    public let endpoint: String
    public let region: String
    public let principal: EmulatorPrincipal

    public var credentials: AWSCredentials {
        AWSCredentials(
            accessKeyId: principal.accessKeyId, secretAccessKey: principal.secretAccessKey, source: .supplied)
    }

    /// An `AWSClient` that reaches AWS Backup, CloudTrail, STS, Organizations, KMS and EventBridge at
    /// the endpoint, signing as the principal, with no shared config or credentials files read.
    public func client(transport: (any HTTPTransport)? = nil) throws -> AWSClient {
        let configuration = try AWSConfiguration(
            environment: AWSEnvironment(
                variables: [
                    "AWS_CONFIG_FILE": "/nonexistent/vaultwatch/config",
                    "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/vaultwatch/credentials",
                ], home: "/nonexistent"),
            region: region,
            endpointURLs: Dictionary(
                uniqueKeysWithValues: [AWSService.backup, .cloudTrail, .sts, .organizations, .kms, .eventBridge].map {
                    ($0, endpoint)
                }))
        return AWSClient(configuration: configuration, credentials: StaticCredentials(credentials), transport: transport)
    }
}
