import Foundation

/// `credential_process`: the command is split with shell-style quoting and run without a shell, in
/// the configuration's environment; its stdout must be JSON `{"Version": 1, "AccessKeyId",
/// "SecretAccessKey", "SessionToken"?, "Expiration"?, "AccountId"?}`. With an `Expiration` it is run
/// again when that nears (15/10-minute windows). A non-zero exit is an error carrying its stderr, made
/// inert and cut; stdout never appears in an error (it holds the secret).
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

    static func run(program: String, arguments: [String], environment: AWSEnvironment, lookedAt: [String]) throws -> AWSCredentials {
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
        let errorData = Locked(Data())
        let drained = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            let data = stderr.fileHandleForReading.readDataToEndOfFile()
            errorData.withLock { $0 = data }
            drained.signal()
        }
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        drained.wait()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let text = String(decoding: errorData.withLock { $0 }.prefix(400), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            throw refuse(
                "credential_process \"\(program)\" exited with status \(process.terminationStatus)"
                    + (text.isEmpty ? "" : ": \(OutsideText.inert(text, limit: 200))"))
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
