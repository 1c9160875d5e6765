import Foundation

/// `credential_process`: the command is split with shell-style quoting and run without a shell, in
/// the configuration's environment; its stdout must be JSON `{"Version": 1, "AccessKeyId",
/// "SecretAccessKey", "SessionToken"?, "Expiration"?, "AccountId"?}`. With an `Expiration` it is run
/// again when that nears (15/10-minute windows). Neither its stdout (it holds the secret) nor its stderr
/// (a failing helper may print a token or the secret it could not use) ever appears in an error, which
/// the store and logs keep: a non-zero exit says the status and to run the helper by hand to see why.
/// A helper that has not finished within `timeout` is killed, so a hung one cannot hold a sync forever.
enum ProcessCredentials {
    static func provider(profile: String, command: String, configuration: AWSConfiguration, clock: any AWSClock) throws
        -> any CredentialProvider
    {
        let lookedAt = ["credential_process of profile \"\(profile)\" in \(configuration.files.configFilePath)"]
        let words: [String]
        do {
            words = try ShellWords.split(command)
        } catch {
            throw AWSError.credentials(CredentialProblem(kind: .refused, reason: "credential_process has an unclosed quote", lookedAt: lookedAt))
        }
        guard let program = words.first else {
            throw AWSError.credentials(CredentialProblem(kind: .refused, reason: "credential_process is empty", lookedAt: lookedAt))
        }
        let environment = configuration.environment
        let first = try run(program: program, arguments: Array(words.dropFirst()), environment: environment, lookedAt: lookedAt)
        guard first.expiration != nil else { return StaticCredentials(first) }
        let cached = Locked<AWSCredentials?>(first)
        return RefreshingCredentials(clock: clock) {
            if let ready = cached.withLock({ value -> AWSCredentials? in defer { value = nil }; return value }) { return ready }
            return try run(program: program, arguments: Array(words.dropFirst()), environment: environment, lookedAt: lookedAt)
        }
    }

    /// How long a helper may take (the AWS CLI waits forever; an SSO helper that opens a browser
    /// may take a while, so this is generous).
    static let timeout: TimeInterval = 120

    static func run(
        program: String, arguments: [String], environment: AWSEnvironment, lookedAt: [String], timeout: TimeInterval = timeout
    ) throws -> AWSCredentials {
        func refuse(_ reason: String) -> AWSError {
            .credentials(CredentialProblem(kind: .refused, reason: reason, lookedAt: lookedAt))
        }
        guard let executable = locate(program, path: environment["PATH"] ?? "/usr/bin:/bin") else {
            throw refuse("credential_process program \"\(program)\" was not found on PATH")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment.variables
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw refuse("credential_process \"\(program)\" could not be started: \(error.localizedDescription)")
        }
        let captured = Locked(Data())
        let drained = DispatchGroup()
        drained.enter()
        DispatchQueue.global().async {
            let data = stdout.fileHandleForReading.readDataToEndOfFile()
            captured.withLock { $0 = data }
            drained.leave()
        }
        drained.enter()
        DispatchQueue.global().async {
            // Read and dropped: never shown (see above), only kept from filling the pipe.
            _ = stderr.fileHandleForReading.readDataToEndOfFile()
            drained.leave()
        }
        guard drained.wait(timeout: .now() + timeout) == .success else {
            process.terminate()
            if drained.wait(timeout: .now() + 2) == .timedOut { kill(process.processIdentifier, SIGKILL) }
            throw refuse("credential_process \"\(program)\" did not finish within \(Int(timeout)) s and was stopped")
        }
        process.waitUntilExit()
        let output = captured.withLock { $0 }
        guard process.terminationStatus == 0 else {
            throw refuse(
                "credential_process \"\(program)\" exited with status \(process.terminationStatus) (what it printed is not"
                    + " shown, as it may hold a secret: run it by hand to see why)")
        }
        guard let object = (try? JSONSerialization.jsonObject(with: output)) as? [String: Any] else {
            throw refuse("credential_process \"\(program)\" did not print a JSON object")
        }
        guard let version = object["Version"] as? NSNumber, version.doubleValue == 1 else {
            throw refuse("credential_process \"\(program)\" printed an unsupported Version (must be the number 1)")
        }
        let missing = ["AccessKeyId", "SecretAccessKey"].filter { ((object[$0] as? String) ?? "").isEmpty }
        guard missing.isEmpty, let key = object["AccessKeyId"] as? String, let secret = object["SecretAccessKey"] as? String else {
            throw refuse("credential_process \"\(program)\" printed no \(missing.joined(separator: " or "))")
        }
        var expiration: Date?
        if let text = object["Expiration"] as? String {
            guard let date = Timestamp.parseISO8601(text) else {
                throw refuse("credential_process \"\(program)\" printed an Expiration that is not ISO 8601")
            }
            expiration = date
        }
        return AWSCredentials(
            accessKeyId: key, secretAccessKey: secret, sessionToken: object["SessionToken"] as? String, expiration: expiration,
            accountId: object["AccountId"] as? String, source: .process)
    }

    /// `program` itself when it holds a `/`, else the first executable of that name on `path`.
    static func locate(_ program: String, path: String) -> String? {
        if program.contains("/") { return FileManager.default.isExecutableFile(atPath: program) ? program : nil }
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(program)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
