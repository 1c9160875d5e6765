import AWSClient
import TestSupport
import Foundation
import Testing

/// Retries and faults through the fault-injecting proxy in front of moto_server: the right typed
/// error, the right number of attempts, and the sleeps botocore's standard mode computes
/// (random fixed at 0.5: 0.5 × min(2^(n−1), 20)).
@Suite struct RetryFaultTests {
    struct Rig {
        let moto: LocalMoto
        let proxy: FaultProxy
        let home: TemporaryHome
        let sleeper: RecordingSleeper
        let client: AWSClient

        init(maxAttempts: Int = 3) throws {
            moto = try LocalMoto()
            proxy = try FaultProxy(moto: moto)
            home = try TemporaryHome()
            let clock = ManualClock()
            sleeper = RecordingSleeper(clock: clock)
            let configuration = try AWSConfiguration(
                environment: home.environment([
                    "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "us-east-1",
                    "AWS_ENDPOINT_URL": proxy.url, "AWS_MAX_ATTEMPTS": String(maxAttempts),
                ]))
            client = AWSClient(configuration: configuration, clock: clock, sleeper: sleeper, random: { 0.5 })
        }

        func list(timeout: TimeInterval = 10) throws(AWSError) -> AWSResponse {
            let operation = try! AWSOperation.restJSON(.backup, "ListBackupVaults", method: "GET", path: "/backup-vaults/")
            return try client.send(operation, timeout: timeout)
        }

        var attempts: Int { ((try? proxy.log()) ?? []).count }
    }

    static var unavailable: [String: Any] { [
        "status": 503, "headers": ["x-amzn-ErrorType": "ServiceUnavailableException"],
        "body": #"{"message": "try later"}"#,
    ] }
    static var throttled: [String: Any] { [
        "status": 400, "headers": ["x-amzn-ErrorType": "ThrottlingException:http://internal.amazon.com/"],
        "body": #"{"Message": "Rate exceeded"}"#,
    ] }

    @Test func fiveHundredsAreRetriedWithExponentialBackoff() throws {
        let rig = try Rig()
        try rig.proxy.inject([["status": 500, "body": "<html>oops</html>"], Self.unavailable])
        #expect(try rig.list().status == 200)
        #expect(rig.attempts == 3)
        #expect(rig.sleeper.sleeps == [0.5, 1.0])
    }

    @Test func persistentServiceUnavailableGivesUpAfterMaxAttempts() throws {
        let rig = try Rig()
        try rig.proxy.inject([Self.unavailable, Self.unavailable, Self.unavailable])
        #expect(throws: AWSError.service(operation: "ListBackupVaults", code: "ServiceUnavailableException", message: "try later", status: 503)) {
            try rig.list()
        }
        #expect(rig.attempts == 3 && rig.sleeper.sleeps == [0.5, 1.0])
    }

    @Test func throttlingWithAndWithoutRetryAfter() throws {
        let rig = try Rig()
        var withAfter = Self.throttled
        withAfter["headers"] = ["x-amzn-ErrorType": "ThrottlingException", "Retry-After": "3"]
        try rig.proxy.inject([Self.throttled, withAfter])
        #expect(try rig.list().status == 200)
        #expect(rig.sleeper.sleeps == [0.5, 3.0])

        var tooLong = Self.throttled
        tooLong["headers"] = ["x-amzn-ErrorType": "ThrottlingException", "Retry-After": "120"]
        let second = try Rig()
        try second.proxy.inject([tooLong])
        #expect(throws: AWSError.throttled(operation: "ListBackupVaults", code: "ThrottlingException", retryAfter: 120)) { try second.list() }
        #expect(second.attempts == 1 && second.sleeper.sleeps.isEmpty)

        let third = try Rig()
        try third.proxy.inject([Self.throttled, Self.throttled, Self.throttled])
        #expect(throws: AWSError.throttled(operation: "ListBackupVaults", code: "ThrottlingException", retryAfter: nil)) { try third.list() }
        #expect(third.attempts == 3)
    }

    @Test func aConnectionDroppedMidBodyIsANetworkErrorRetried() throws {
        let rig = try Rig()
        try rig.proxy.inject([["drop": true], ["drop": true], ["drop": true]])
        do {
            _ = try rig.list()
            Issue.record("a dropped connection succeeded")
        } catch .network(let operation, _, let kind, _) {
            #expect(operation == "ListBackupVaults" && kind == .connectionLost)
        } catch {
            Issue.record("unexpected \(error)")
        }
        #expect(rig.attempts == 3)
        try rig.proxy.inject([["drop": true]])
        #expect(try rig.list().status == 200)
    }

    @Test func truncatedAndNonJSONBodiesAreBadResponses() throws {
        let rig = try Rig()
        try rig.proxy.inject([["truncate": "json"]])
        let truncated = try rig.list()
        let error = #expect(throws: AWSError.self) { try truncated.jsonObject() }
        if case .badResponse(let operation, let status, let problem) = error {
            #expect(operation == "ListBackupVaults" && status == 200 && problem.hasPrefix("the body is not JSON"))
        } else {
            Issue.record("not a bad response: \(String(describing: error))")
        }
        try rig.proxy.inject([["garbage": true]])
        let html = try rig.list()
        #expect(throws: AWSError.self) { try html.jsonObject() }
        #expect((try? html.jsonObject()) == nil)
        try rig.proxy.inject([["truncate": "wire"], ["pass": true]])
        #expect(try rig.list().status == 200)
        #expect(rig.attempts == 4)
    }

    @Test func aSlowAnswerPastTheTimeoutIsATimeout() throws {
        let rig = try Rig(maxAttempts: 2)
        try rig.proxy.inject([["delay": 3.0], ["delay": 3.0]])
        do {
            _ = try rig.list(timeout: 1)
            Issue.record("a slow answer arrived within 1 s")
        } catch .network(_, _, let kind, _) {
            #expect(kind == .timeout)
        } catch {
            Issue.record("unexpected \(error)")
        }
        #expect(rig.sleeper.sleeps == [0.5])
    }

    @Test func errorCodesFollowBotocoresPrecedence() {
        func code(_ headers: HTTPHeaders, _ body: String, status: Int = 400) -> String {
            ServiceErrorAnswer.decode(HTTPResponse(status: status, headers: headers, body: Data(body.utf8)), wireProtocol: .restJSON).code
        }
        #expect(code(["x-amzn-ErrorType": "InvalidRequestException:http://internal.amazon.com/coral/"], #"{"Code":"ERROR_9101"}"#) == "InvalidRequestException")
        #expect(code([:], #"{"Code":"ERROR_9101"}"#) == "ERROR_9101")
        #expect(code([:], #"{"__type":"com.amazonaws.sqs#QueueDoesNotExist"}"#) == "QueueDoesNotExist")
        #expect(code([:], "") == "400")
        let sqs = ServiceErrorAnswer.decode(
            HTTPResponse(
                status: 400,
                headers: ["X-Amzn-Errortype": "com.amazonaws.sqs#QueueDoesNotExist", "x-amzn-query-error": "AWS.SimpleQueueService.NonExistentQueue;Sender"],
                body: Data(#"{"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"gone \u001b[2J"}"#.utf8)),
            wireProtocol: .json)
        #expect(sqs.code == "QueueDoesNotExist" && sqs.queryErrorCode == "AWS.SimpleQueueService.NonExistentQueue")
        let line = AWSError.service(operation: "GetQueueUrl", code: sqs.code, message: sqs.message, status: 400).description
        #expect(!line.contains("\u{1B}") && line.contains("gone"))
        let sts = ServiceErrorAnswer.decode(
            HTTPResponse(status: 403, body: Data("<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>no</Message></Error></ErrorResponse>".utf8)),
            wireProtocol: .query)
        #expect(sts.code == "AccessDenied" && sts.message == "no")
    }

    @Test func theRateLimiterSpacesCloudTrailLookupsTwoPerSecond() {
        let limiter = RateLimiter()
        let t0 = Date(timeIntervalSince1970: 0)
        let waits = (0..<6).map { _ in limiter.reserve(.cloudTrailLookupEvents, key: "prod|eu-west-1", now: t0) }
        #expect(waits == [0, 0, 0.5, 1.0, 1.5, 2.0])
        #expect(limiter.reserve(.cloudTrailLookupEvents, key: "prod|us-east-1", now: t0) == 0)
        #expect(limiter.reserve(.cloudTrailLookupEvents, key: "prod|eu-west-1", now: t0.addingTimeInterval(10)) == 0)
        #expect(AWSOperation.json(.cloudTrail, "LookupEvents", version: .v1_1, targetPrefix: "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101").rateLimit == .cloudTrailLookupEvents)
    }

    @Test func aCancelledLongCallEndsAtOnce() throws {
        let rig = try Rig()
        try rig.proxy.inject([["delay": 20.0]])
        let handle = CancellationHandle()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.5) { handle.cancel() }
        let started = Date()
        let operation = try AWSOperation.restJSON(.backup, "ListBackupVaults", method: "GET", path: "/backup-vaults/")
        #expect(throws: AWSError.cancelled(operation: "ListBackupVaults")) { try rig.client.send(operation, timeout: 30, cancellation: handle) }
        #expect(Date().timeIntervalSince(started) < 15)
    }
}
