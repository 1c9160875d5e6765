import Foundation
import Testing

/// `vaultwatch emulate` started as a real process on a free port, and the AWS CLI (PyPI awscli)
/// pointed at it with the keys `vaultwatch emulate credentials` prints.
final class EmulatorProcess {
    let store = FileManager.default.temporaryDirectory.appendingPathComponent("vaultwatch-emu-\(UUID().uuidString)")
    private(set) var pid: pid_t = 0
    private(set) var port = 0
    let log: URL

    init(extra: [String] = []) throws {
        log = store.appendingPathExtension("log")
        try start(extra: extra)
    }

    func start(extra: [String] = []) throws {
        let vaultwatch = try Built.vaultwatch.path
        pid = try Shell.spawn(
            vaultwatch, ["emulate", "--port", "0", "--store", store.path, "--job-seconds", "1"] + extra,
            stdout: log.path, stderr: log.path + ".err")
        let deadline = Date() + 30
        while Date() < deadline {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            if let range = text.range(of: #"127\.0\.0\.1:(\d+)"#, options: .regularExpression) {
                port = Int(text[range].split(separator: ":")[1]) ?? 0
                return
            }
            usleep(50_000)
        }
        throw E2EError("the emulator did not start: \((try? String(contentsOf: URL(fileURLWithPath: log.path + ".err"), encoding: .utf8)) ?? "")")
    }

    /// Stops it as Ctrl-C would; answers the exit status.
    @discardableResult
    func stop() -> Int32 {
        guard pid > 0 else { return 0 }
        kill(pid, SIGTERM)
        let status = Shell.wait(pid)
        pid = 0
        return status
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: store)
        try? FileManager.default.removeItem(at: log)
        try? FileManager.default.removeItem(atPath: log.path + ".err")
    }

    var endpoint: String { "http://127.0.0.1:\(port)" }

    /// The `export` lines for a principal, as a dictionary.
    func credentials(_ name: String) throws -> [String: String] {
        let text = try Shell.run(try Built.vaultwatch.path, ["emulate", "credentials", name, "--store", store.path])
        var values: [String: String] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("export ") {
            let pair = line.dropFirst("export ".count).split(separator: "=", maxSplits: 1)
            values[String(pair[0])] = String(pair[1]).trimmingCharacters(in: CharacterSet(charactersIn: "'"))
        }
        return values
    }

    /// `aws --endpoint-url … backup|cloudtrail ARGS` as `who`: exit code, stdout, stderr.
    func aws(_ who: String, _ args: [String], secret: String? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        let keys = try credentials(who)
        let environment = [
            "-u", "AWS_SESSION_TOKEN", "-u", "AWS_PROFILE",
            "AWS_ACCESS_KEY_ID=\(keys["AWS_ACCESS_KEY_ID"] ?? "")",
            "AWS_SECRET_ACCESS_KEY=\(secret ?? keys["AWS_SECRET_ACCESS_KEY"] ?? "")",
            "AWS_DEFAULT_REGION=\(keys["AWS_DEFAULT_REGION"] ?? "")", "AWS_CONFIG_FILE=/dev/null",
            "AWS_SHARED_CREDENTIALS_FILE=/dev/null", "AWS_RETRY_MODE=standard", "AWS_MAX_ATTEMPTS=1",
        ]
        let outcome = try Shell.outcome("env", environment + ["aws", "--endpoint-url", endpoint, "--output", "json"] + args)
        return (outcome.status >> 8, outcome.stdout, outcome.stderr)
    }

    /// The parsed JSON output of a call that must succeed.
    func json(_ who: String, _ args: [String]) throws -> [String: Any] {
        let result = try aws(who, args)
        guard result.status == 0 else { throw E2EError("aws \(args.joined(separator: " ")) failed: \(result.stderr)") }
        if result.stdout.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return [:] }
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
    }

    /// One of the emulator's own routes (`/_vaultwatch/…`), through Python's urllib.
    @discardableResult
    func admin(_ method: String, _ path: String, body: String) throws -> String {
        let script = """
            import sys, urllib.request
            r = urllib.request.Request(sys.argv[1], data=sys.argv[3].encode(), method=sys.argv[2])
            print(urllib.request.urlopen(r).read().decode())
            """
        return try Shell.run("python3", ["-c", script, endpoint + path, method, body])
    }
}
