import ArgumentParser
import Foundation
import VaultEmulator
import VaultStore

/// `vaultwatch emulate`: the demo account's AWS Backup service as a local endpoint the AWS CLI and
/// boto3 can talk to, with Vault Lock, the vault access policies and the SCPs enforced.
struct Emulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emulate",
        abstract:
            "Serve a local AWS Backup endpoint (with Organizations, KMS, EventBridge and CloudTrail LookupEvents) that enforces Vault Lock and the policies.",
        discussion: """
            Rehearse with the AWS CLI: eval "$(vaultwatch emulate credentials admin)", then
            aws --endpoint-url http://127.0.0.1:PORT backup list-backup-vaults. Principals: admin, operator, root,
            outsider (another account), reader (vaultwatch's read-only role). Move the emulator's clock with
            curl -X POST http://127.0.0.1:PORT/_vaultwatch/clock -d '{"AdvanceSeconds": 259200}'; attach an SCP with
            curl -X PUT 'http://127.0.0.1:PORT/_vaultwatch/scps/NAME?target=ou' --data-binary @scp.json (target: root,
            ou, account, the default, or an id of the organization).
            """,
        subcommands: [EmulateServe.self, EmulateCredentials.self],
        defaultSubcommand: EmulateServe.self)
}

struct EmulateServe: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve the endpoint until Ctrl-C or SIGTERM (the default).")

    @Option(help: "Port to listen on (0: any free port, printed at start).")
    var port: Int = 9125

    @Option(help: "Address to listen on. Only 127.0.0.1 unless you ask for another.")
    var host: String = "127.0.0.1"

    @Option(help: ArgumentHelp("Emulator store directory (default: $XDG_STATE_HOME/vaultwatch/emulator).", valueName: "dir"))
    var store: String?

    @Option(help: "Run the emulator's clock this many times faster than real time (86400: a day a second).")
    var speed: Double = 1

    @Option(help: "Wall seconds a backup or copy job runs before it completes or fails.")
    var jobSeconds: Double = 2

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0 to 65535 (got \(port))") }
        guard speed > 0, speed <= 1_000_000 else {
            throw ValidationError("--speed must be more than 0 and at most 1000000 (got \(speed))")
        }
        guard jobSeconds >= 0, jobSeconds <= 3600 else {
            throw ValidationError("--job-seconds must be 0 to 3600 (got \(jobSeconds))")
        }
    }

    func run() throws {
        let directory = EmulatorStoreOption.directory(store)
        let emulator: Emulator
        let server: HTTPServer
        do {
            // The port first: a taken port is refused before the store (or its folder) is made.
            server = try HTTPServer(host: host, port: port)
            emulator = try Emulator(store: EmulatorStore(directory: directory), speed: speed, jobSeconds: jobSeconds)
        } catch {
            throw CLIError("\(error)")
        }
        for note in emulator.storeNotes { ProblemReport.warn(note) }
        let stop = StopSignals()
        server.start { emulator.handle($0) }
        let line =
            "vaultwatch emulate: AWS Backup, Organizations, KMS, EventBridge and CloudTrail for account \(emulator.backend.accountId) "
            + "(\(emulator.backend.region)) on http://\(host):\(server.port), store \(directory.path)\n"
        FileHandle.standardOutput.write(Data(CLIError(line).description.utf8))
        stop.wait()
        server.stop()
        emulator.save()
    }
}

struct EmulateCredentials: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "credentials",
        abstract: "Print a principal's keys as shell export lines: eval \"$(vaultwatch emulate credentials admin)\".")

    @Argument(help: "admin, operator, root, outsider (or stackset, ci-deployer, backup-service, reader).")
    var name: String

    @Option(help: ArgumentHelp("Emulator store directory (default: $XDG_STATE_HOME/vaultwatch/emulator).", valueName: "dir"))
    var store: String?

    func run() throws {
        let emulatorStore = EmulatorStore(directory: EmulatorStoreOption.directory(store))
        let principals: [EmulatorPrincipal]
        do {
            principals = try emulatorStore.principals()
        } catch {
            throw CLIError("\(error)")
        }
        guard let principal = principals.first(where: { $0.name == name }) else {
            throw CLIError(
                "no principal \(name) in the emulator (known: \(principals.map(\.name).joined(separator: ", ")))")
        }
        // The lines are meant for `eval`: a key from an edited keys.json that could end the quoting
        // (or hold an escape sequence) is refused rather than printed.
        let keyCharacters = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=")
        guard [principal.accessKeyId, principal.secretAccessKey].allSatisfy({ !$0.isEmpty && $0.allSatisfy(keyCharacters.contains) })
        else {
            throw CLIError("the emulator's keys of \(name) hold characters no access key has: refused (remove keys.json to make new ones)")
        }
        print("export AWS_ACCESS_KEY_ID='\(principal.accessKeyId)'")
        print("export AWS_SECRET_ACCESS_KEY='\(principal.secretAccessKey)'")
        print("export AWS_DEFAULT_REGION='\(EmulatorPrincipals.region)'")
        print("unset AWS_SESSION_TOKEN")
        print("# \(CLIError(principal.principal.arn).description)")
    }
}

enum EmulatorStoreOption {
    static func directory(_ store: String?) -> URL {
        if let store { return URL(fileURLWithPath: (store as NSString).expandingTildeInPath) }
        return Store.defaultDirectory(profile: "emulator")
    }
}
