import AWSClient
import Foundation
import Testing
import VaultCore
import VaultDemo
@testable import VaultEmulator

/// The emulator's own rules, called directly with signed requests: routing on the raw path,
/// pagination, CloudTrail's lookup and its rate limit, the policies as the guardrail checks judge
/// them, the clock, a restart from the store, and many threads at once.
@Suite struct EmulatorTests {
    static let role = "arn:aws:iam::111122223333:role/service-role/AWSBackupDefaultServiceRole"

    func emulator(store: EmulatorStore? = nil, jobSeconds: TimeInterval = 0) -> Emulator {
        Emulator(
            backend: DemoBackend(accountId: DemoAccount.accountId, region: DemoAccount.region, guardrail: .none),
            principals: EmulatorPrincipals.generate(), clock: EmulatorClock(), store: store, jobSeconds: jobSeconds)
    }

    @Test func routesOnTheRawPathWithTrailingSlashesSignificant() {
        let router = BackupRouter()
        func name(_ method: String, _ path: String) -> String? {
            if case .matched(let match) = router.match(method: method, path: path) { return match.operation.rawValue }
            return nil
        }
        #expect(name("GET", "/backup-vaults/") == "ListBackupVaults")
        #expect(name("GET", "/backup-vaults/WORM_vault") == "DescribeBackupVault")
        #expect(name("PUT", "/backup-jobs") == "StartBackupJob")
        #expect(name("GET", "/backup-jobs/") == "ListBackupJobs")
        #expect(name("GET", "/backup-jobs") == nil)
        #expect(name("GET", "/backup/plans/abc/") == "GetBackupPlan")
        #expect(name("GET", "/backup/plans/abc") == nil)
        guard case .matched(let point) = router.match(
            method: "DELETE", path: "/backup-vaults/WORM_vault/recovery-points/arn%3Aaws%3Aec2%3Aus-east-1%3A%3Asnapshot%2Fsnap-0abc")
        else {
            Issue.record("an encoded ARN is one segment")
            return
        }
        #expect(point.operation == .deleteRecoveryPoint)
        #expect(point.labels["recoveryPointArn"] == "arn:aws:ec2:us-east-1::snapshot/snap-0abc")
        if case .wrongMethod = router.match(method: "PATCH", path: "/backup-vaults/x") {} else { Issue.record("known path") }
    }

    @Test func listsPageWithNextTokenAndRefuseAForeignToken() throws {
        let emulator = emulator()
        let admin = try DirectCaller(emulator, as: "admin")
        for i in 0..<5 { _ = try admin.json(BackupRequest.createBackupVault("page-\(i)")) }
        var names: [String] = []
        var token: String?
        var pages = 0
        repeat {
            let page = try admin.json(BackupRequest.listBackupVaults(nextToken: token, maxResults: 2))
            names += (page["BackupVaultList"] as? [[String: Any]] ?? []).compactMap { $0["BackupVaultName"] as? String }
            token = page["NextToken"] as? String
            pages += 1
        } while token != nil
        #expect(names == (0..<5).map { "page-\($0)" } && pages == 3)
        let first = try admin.json(BackupRequest.listBackupVaults(maxResults: 2))
        let foreign = admin.send(try BackupRequest.listBackupJobs(nextToken: first["NextToken"] as? String))
        #expect(foreign.status == 400 && foreign.headers["x-amzn-ErrorType"] == "InvalidParameterValueException")
        let tooMany = admin.send(try BackupRequest.listBackupVaults(maxResults: 1001))
        #expect(tooMany.headers["x-amzn-ErrorType"] == "InvalidParameterValueException")
    }

    @Test func lookupEventsNewestFirstPagedAndLimitedToTwoASecond() throws {
        let emulator = emulator()
        let admin = try DirectCaller(emulator, as: "admin")
        for i in 0..<7 { _ = try admin.json(BackupRequest.createBackupVault("trail-\(i)")) }
        let first = try admin.json(BackupRequest.lookupEvents(maxResults: 4))
        let events = first["Events"] as? [[String: Any]] ?? []
        #expect(events.count == 4)
        #expect(events.compactMap { ($0["Resources"] as? [[String: Any]])?.first?["ResourceName"] as? String } == ["trail-6", "trail-5", "trail-4", "trail-3"])
        // A call made between two pages does not shift the next page.
        _ = try admin.json(BackupRequest.createBackupVault("trail-late"))
        let second = try admin.json(BackupRequest.lookupEvents(nextToken: first["NextToken"] as? String, maxResults: 4))
        #expect((second["Events"] as? [[String: Any]])?.count == 3 && second["NextToken"] == nil)
        let third = admin.send(try BackupRequest.lookupEvents())
        #expect(third.status == 400 && third.headers["x-amzn-ErrorType"] == "ThrottlingException")
        let record = try #require(events.first?["CloudTrailEvent"] as? String)
        #expect(record.contains(#""accessKeyId":"\#(admin.principal.accessKeyId)""#))
        #expect(record.contains(#""arn":"arn:aws:iam::111122223333:role/BackupVaultAdmin""#))
    }

    @Test func aLookupsPagesStayGoodWhileTheOldestEventsAreDropped() throws {
        let emulator = Emulator(
            backend: DemoBackend(accountId: DemoAccount.accountId, region: DemoAccount.region, guardrail: .none),
            principals: EmulatorPrincipals.generate(), clock: EmulatorClock(), jobSeconds: 0, trailCapacity: 20)
        let admin = try DirectCaller(emulator, as: "admin")
        for i in 0..<15 { _ = try admin.json(BackupRequest.createBackupVault("kept-\(i)")) }
        let first = try admin.json(BackupRequest.lookupEvents(maxResults: 10))
        let token = try #require(first["NextToken"] as? String)
        // Twenty more calls push the oldest out of memory; the page after the first still comes.
        for i in 0..<20 { _ = try admin.json(BackupRequest.describeBackupVault("kept-\(i % 15)")) }
        #expect(emulator.trail.all.count <= 20)
        emulator.clock.advance(by: 1)
        Thread.sleep(forTimeInterval: 1)  // LookupEvents allows two a second
        let second = admin.send(try BackupRequest.lookupEvents(nextToken: token, maxResults: 10))
        #expect(second.status == 200, "\(String(decoding: second.body, as: UTF8.self))")
        let names = ((try JSONSerialization.jsonObject(with: second.body) as? [String: Any])?["Events"] as? [[String: Any]] ?? [])
            .compactMap { $0["EventName"] as? String }
        #expect(names.allSatisfy { $0 == "CreateBackupVault" } && names.count < 5, "\(names)")
    }

    @Test func theGuardrailChecksSayBeforehandWhatTheEmulatorThenLetsThrough() throws {
        let emulator = emulator()
        let admin = try DirectCaller(emulator, as: "admin")
        let operatorCaller = try DirectCaller(emulator, as: "operator")
        let vault = "central-backup-vault"
        _ = try admin.json(BackupRequest.createBackupVault(vault))
        let scp = DemoGuardrail.seed(account: DemoAccount.accountId, guardedVaults: [vault]).document(account: DemoAccount.accountId)
        let misspelt = scp.replacingOccurrences(of: "backup:DeleteBackupVaultAccessPolicy", with: "backup:DeleteBackupVaultAcessPolicy")
        #expect(misspelt != scp)
        let policy = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"backup:CopyIntoBackupVault","Resource":"*"}]}"#
        _ = try admin.json(BackupRequest.putBackupVaultAccessPolicy(vault, policy: policy))
        try emulator.setServiceControlPolicy("central-backup-vault-guardrail", document: misspelt)

        // Beforehand: the guardrail checks over the same vault, policy and SCP.
        var state = AccountState()
        state.apply(.vault(try #require(emulator.backend.vault(named: vault))))
        state.apply(.policy(.accessPolicy(of: emulator.backend.key(vault), document: policy, at: Date())))
        state.apply(.policy(.serviceControlPolicy(named: "central-backup-vault-guardrail", document: misspelt, at: Date())))
        let report = PostureChecks.evaluate(
            GuardrailInputs(state: state, rules: [DemoAccount.alertRule], settings: DemoAccount.guardrailSettings), at: Date())
        let sensitive = try #require(report.results.first { $0.checkId == "vault.guardrails.sensitive_actions" })
        #expect(sensitive.verdict == .fail)
        #expect(sensitive.reason.contains("DeleteBackupVaultAccessPolicy"), "\(sensitive.reason)")

        // Then: the operator's delete goes through; a correctly spelt action would have stopped it.
        #expect(operatorCaller.send(try BackupRequest.deleteBackupVaultAccessPolicy(vault)).status == 200)
        try emulator.setServiceControlPolicy("central-backup-vault-guardrail", document: scp)
        let denied = operatorCaller.send(try BackupRequest.deleteBackupVaultAccessPolicy(vault))
        #expect(denied.headers["x-amzn-ErrorType"] == "AccessDeniedException")
        #expect(String(decoding: denied.body, as: UTF8.self).contains("explicit deny in a service control policy"))
        #expect(admin.send(try BackupRequest.deleteBackupVaultAccessPolicy(vault)).status == 200)
    }

    @Test func signaturesUnknownKeysAndOtherRegionsAreRefused() throws {
        let emulator = emulator()
        let admin = try DirectCaller(emulator, as: "admin")
        let wrong = admin.send(try BackupRequest.listBackupVaults(), secret: "not-the-secret")
        #expect(wrong.status == 403 && wrong.headers["x-amzn-ErrorType"] == "InvalidSignatureException")
        var unsigned = HTTPRequest(method: "GET", scheme: "http", host: "127.0.0.1", path: "/backup-vaults/")
        unsigned.headers.set("Host", "127.0.0.1")
        let missing = emulator.handle(unsigned)
        #expect(missing.status == 400 && missing.headers["x-amzn-ErrorType"] == "IncompleteSignature")
        let stranger = EmulatorPrincipal(
            name: "stranger", principal: DemoCast.alice, accessKeyId: "AKIASTRANGERKEY00000", secretAccessKey: "s")
        let unknown = DirectCaller(emulator, signingAs: stranger).send(try BackupRequest.listBackupVaults())
        #expect(unknown.status == 403 && unknown.headers["x-amzn-ErrorType"] == "InvalidClientTokenId")
        let operation = try BackupRequest.listBackupVaults()
        let elsewhere = SigV4Signer(service: "backup", region: "eu-west-1").sign(
            HTTPRequest(method: "GET", scheme: "http", host: "127.0.0.1", port: 9125, path: operation.path),
            credentials: AWSCredentials(
                accessKeyId: admin.principal.accessKeyId, secretAccessKey: admin.principal.secretAccessKey, source: .supplied),
            at: Date()
        ).request
        let region = emulator.handle(elsewhere)
        #expect(region.status == 403 && String(decoding: region.body, as: UTF8.self).contains("serves us-east-1"))
    }

    @Test func jobsSettleAfterTheirTimeAndTheClockReachesALockDate() throws {
        let emulator = emulator(jobSeconds: 60)
        let admin = try DirectCaller(emulator, as: "admin")
        _ = try admin.json(BackupRequest.createBackupVault("timed"))
        _ = try admin.json(BackupRequest.putBackupVaultLockConfiguration("timed", minRetentionDays: 7, maxRetentionDays: nil, changeableForDays: 3))
        let job = try admin.json(BackupRequest.startBackupJob(
            vault: "timed", resourceArn: "arn:aws:ec2:us-east-1:111122223333:volume/vol-1", iamRoleArn: Self.role,
            lifecycle: Lifecycle(deleteAfterDays: 10)))
        let id = try #require(job["BackupJobId"] as? String)
        #expect(try admin.json(BackupRequest.describeBackupJob(id))["State"] as? String == "RUNNING")
        emulator.clock.advance(by: 61)
        #expect(try admin.json(BackupRequest.describeBackupJob(id))["State"] as? String == "COMPLETED")
        #expect(admin.send(try BackupRequest.deleteBackupVaultLockConfiguration("timed")).status == 200)
        _ = try admin.json(BackupRequest.putBackupVaultLockConfiguration("timed", minRetentionDays: 7, maxRetentionDays: nil, changeableForDays: 3))
        emulator.clock.advance(by: 3 * 86_400 + 1)
        let late = admin.send(try BackupRequest.deleteBackupVaultLockConfiguration("timed"))
        #expect(late.headers["x-amzn-ErrorType"] == "InvalidRequestException")
    }

    @Test func aRestartFromTheStoreResumesAccountClockPoliciesAndTrail() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vw-emu-store-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = EmulatorStore(directory: directory)
        let first = try Emulator(store: store, jobSeconds: 0)
        let admin = try DirectCaller(first, as: "admin")
        _ = try admin.json(BackupRequest.createBackupVault("kept"))
        _ = try admin.json(BackupRequest.startBackupJob(
            vault: "kept", resourceArn: "arn:aws:ec2:us-east-1:111122223333:volume/vol-2", iamRoleArn: Self.role,
            lifecycle: Lifecycle(deleteAfterDays: 10)))
        try first.setServiceControlPolicy("guard", document: #"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"backup:DeleteBackupVault","Resource":"*"}]}"#)
        first.clock.advance(by: 86_400)
        first.save()
        let aheadBefore = first.clock.offset

        let second = try Emulator(store: store, jobSeconds: 0)
        #expect(second.principals == first.principals)
        #expect(second.backend.points(in: "kept").count == 1)
        #expect(second.serviceControlPolicies.keys.sorted() == ["guard"])
        #expect(abs(second.clock.offset - aheadBefore) < 5)
        #expect(second.trail.all.count == first.trail.all.count)
        let again = try DirectCaller(second, as: "operator")
        #expect(again.send(try BackupRequest.deleteBackupVault("kept")).headers["x-amzn-ErrorType"] == "AccessDeniedException")
        let mode = try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent("keys.json").path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func linksInTheEmulatorsStoreAreRefusedAndWhatTheyNameIsUntouched() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("vw-emu-links-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let target = root.appendingPathComponent("target")
        try Data("keep me\n".utf8).write(to: target)

        // A link in place of keys.json: the keys are neither read from nor written to where it points.
        let store = root.appendingPathComponent("store")
        try FileManager.default.createDirectory(at: store, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: store.appendingPathComponent("keys.json"), withDestinationURL: target)
        #expect(throws: EmulatorStoreError("\(store.path)/keys.json is a symbolic link: refused")) {
            try EmulatorStore(directory: store).principals()
        }

        // A link in place of the trail: the emulator does not start, and writes nothing there.
        try FileManager.default.removeItem(at: store.appendingPathComponent("keys.json"))
        try FileManager.default.createSymbolicLink(at: store.appendingPathComponent("cloudtrail.jsonl"), withDestinationURL: target)
        #expect(throws: EmulatorStoreError("\(store.path)/cloudtrail.jsonl is a symbolic link: refused")) {
            try Emulator(store: EmulatorStore(directory: store), jobSeconds: 0)
        }

        // A link in place of the store itself.
        let linked = root.appendingPathComponent("linked")
        try FileManager.default.createSymbolicLink(at: linked, withDestinationURL: store)
        #expect(throws: EmulatorStoreError(
            "\(linked.path) is a symbolic link: refused (the emulator's store must be a folder of its own)")) {
            try EmulatorStore(directory: linked).principals()
        }
        #expect(try Data(contentsOf: target) == Data("keep me\n".utf8))
    }

    @Test func manyThreadsAtOnceThroughTheServer() throws {
        let local = try LocalEmulator(jobSeconds: 0)
        defer { local.stop() }
        let client = try #require(local.connection(as: "admin")).client()
        _ = try client.send(BackupRequest.createBackupVault("busy"))
        let failures = LockedCount()
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            for i in 0..<25 {
                do {
                    _ = try client.send(BackupRequest.startBackupJob(
                        vault: "busy", resourceArn: "arn:aws:ec2:us-east-1:111122223333:volume/vol-\(worker)-\(i)",
                        iamRoleArn: Self.role, lifecycle: Lifecycle(deleteAfterDays: 5)))
                    _ = try client.send(BackupRequest.listRecoveryPointsByBackupVault("busy", maxResults: 50))
                } catch {
                    failures.add()
                }
            }
        }
        #expect(failures.value == 0)
        #expect(local.emulator.backend.points(in: "busy").count == 200)
        #expect(local.emulator.trail.all.count == 401)
    }
}

final class LockedCount: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}

extension EmulatorTests {
    /// The unauthenticated clock route refuses a move its dates could not represent (a request of
    /// 1e300 seconds stopped the process), and a state file with such an offset stops at the latest time.
    @Test func theClockRefusesAMovePastTheLatestTime() throws {
        let emulator = self.emulator()
        func move(_ body: String) -> HTTPResponse {
            var request = HTTPRequest(method: "POST", scheme: "http", host: "127.0.0.1", path: "/_vaultwatch/clock")
            request.body = Data(body.utf8)
            return emulator.handle(request)
        }
        let before = emulator.clock.now
        for body in [#"{"AdvanceSeconds": 1e300}"#, #"{"AdvanceSeconds": 9.2e18}"#, #"{"Now": 1e300}"#, #"{"Now": 253402300800}"#] {
            let refused = move(body)
            #expect(refused.status == 400 && String(decoding: refused.body, as: UTF8.self).contains("9999-12-31T23:59:59Z"), "\(body)")
        }
        #expect(abs(emulator.clock.now.timeIntervalSince(before)) < 60)
        #expect(move(#"{"AdvanceSeconds": 86400}"#).status == 200)
        #expect(move(#"{"Now": 253402300799}"#).status == 200)
        #expect(emulator.clock.now == EmulatorClock.latest)
        #expect(EmulatorClock(offset: 1e300).now == EmulatorClock.latest)
        #expect(EmulatorClock(offset: .infinity).now == EmulatorClock.latest)
        #expect(abs(EmulatorClock(offset: .nan).offset) < 1)
    }
}
