import ArgumentParser
import Foundation
import VaultCore
import VaultStore

/// Runs the command line and reports every mistake the same way: one line on stderr beginning
/// `vaultwatch: `, a "did you mean" for a mistyped command or option, then the usage of the
/// command that was meant. ArgumentParser's own `Error:` lines never reach the operator.
enum CommandLineErrors {
    static let prefix = "vaultwatch: "

    static func run(arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> Never {
        sayLockWaitsOnStandardError()
        do {
            var command = try parse(arguments)
            try command.run()
            exit(0)
        } catch {
            report(error, arguments: arguments)
        }
    }

    /// A command that waits a while for another process's lock says so on stderr (the dashboard,
    /// while its screen is up, says it in its header instead).
    static func sayLockWaitsOnStandardError() {
        StoreLockWait.observe { wait in
            guard let wait else { return }
            FileHandle.standardError.write(Data("vaultwatch: \(TextTable.sanitize(wait.description))…\n".utf8))
        }
    }

    /// The command line parsed. ArgumentParser takes a negative number after an option for an
    /// option of its own (`demo --speed -5`: "missing value for '--speed'"); such a line is read
    /// again as `--speed=-5`, so the value reaches the option's own check ("--speed must be more
    /// than 0"). Only a line that failed that way is read again.
    static func parse(_ arguments: [String]) throws -> ParsableCommand {
        do {
            return try VaultWatch.parseAsRoot(arguments)
        } catch {
            let message = VaultWatch.message(for: error)
            let joined = joiningNegativeNumbers(arguments) { message.contains("value for '\($0) ") }
            guard joined != arguments else { throw error }
            return try VaultWatch.parseAsRoot(joined)
        }
    }

    /// `--name -5` as `--name=-5` for each option `missing` says lacks its value.
    static func joiningNegativeNumbers(_ arguments: [String], missing: (String) -> Bool) -> [String] {
        var joined: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" {
                joined += arguments[index...]
                break
            }
            if argument.hasPrefix("--"), !argument.contains("="), index + 1 < arguments.count, missing(argument),
                arguments[index + 1].hasPrefix("-"), Double(arguments[index + 1]) != nil
            {
                joined.append("\(argument)=\(arguments[index + 1])")
                index += 2
                continue
            }
            joined.append(argument)
            index += 1
        }
        return joined
    }

    static func report(_ error: Error, arguments: [String]) -> Never {
        let code = VaultWatch.exitCode(for: error)
        // --help, --version and the commands' own exit statuses (a failing check) are not mistakes.
        if error is ExitCode || code == .success { VaultWatch.exit(withError: error) }
        let path = CommandPath(arguments: arguments)
        var message = error is CLIError ? "\(error)" : VaultWatch.message(for: error)
        if message.hasPrefix("Error: ") { message.removeFirst(7) }
        var usage: String?
        if !(error is CLIError) {
            message = explain(message, path: path, arguments: arguments)
            usage = VaultWatch.usageString(for: path.command).split(separator: "\n").first.map(String.init)
        }
        var out = prefix + TextTable.sanitize(message).replacingOccurrences(of: "\n", with: " ") + "\n"
        if let usage { out += "Usage: \(usage.trimmingCharacters(in: .whitespaces)) (see \(path.words.joined(separator: " ")) --help)\n" }
        FileHandle.standardError.write(Data(out.utf8))
        exit(code.rawValue)
    }

    /// ArgumentParser's message, with what was probably meant.
    static func explain(_ message: String, path: CommandPath, arguments: [String]) -> String {
        // A word where a command was expected (`vaultwatch stor verify`, `store verfy`): whatever
        // else went wrong follows from it.
        if let stray = path.firstStrayWord {
            let known = path.subcommandNames
            let clause = Suggestion.closest(to: stray, among: known).map { " (did you mean \"\((path.words + [$0]).joined(separator: " "))\"?)" } ?? ""
            return "unknown command \"\(stray)\" for \(path.words.joined(separator: " "))\(clause); its commands: \(known.joined(separator: ", "))"
        }
        // An option the command does not have (`rule test --patern`), even when ArgumentParser
        // first complains of the option it then misses.
        let known = Set(path.optionNames + ["--help", "--version"])
        for argument in arguments where argument.hasPrefix("--") && argument != "--" {
            let name = argument.split(separator: "=", maxSplits: 1).first.map(String.init) ?? argument
            guard !known.contains(name) else { continue }
            let clause = Suggestion.clause(for: name, among: path.optionNames)
            return "unknown option \"\(name)\" for \(path.words.joined(separator: " "))\(clause)"
        }
        guard let first = message.first else { return message }
        return first.lowercased() + message.dropFirst()
    }
}

/// The commands named on a command line (`vaultwatch store verify`), and the first word after
/// them that names none.
struct CommandPath {
    var command: ParsableCommand.Type = VaultWatch.self
    var words = ["vaultwatch"]
    var firstStrayWord: String?

    init(arguments: [String]) {
        for argument in arguments {
            if argument.hasPrefix("-") { break }
            let subcommands = command.configuration.subcommands
            if let next = subcommands.first(where: { Self.name(of: $0) == argument }) {
                command = next
                words.append(argument)
            } else {
                if !subcommands.isEmpty { firstStrayWord = argument }
                break
            }
        }
        // Options given to a command that runs a default subcommand (`vaultwatch --profil`,
        // `vaultwatch emulate --prot`) are that subcommand's.
        while firstStrayWord == nil, let next = command.configuration.defaultSubcommand {
            command = next
            words.append(Self.name(of: next))
        }
    }

    static func name(of command: ParsableCommand.Type) -> String {
        command.configuration.commandName ?? command._commandName
    }

    var subcommandNames: [String] { command.configuration.subcommands.map(Self.name(of:)) }

    /// Every `--option` the command's help lists.
    var optionNames: [String] {
        let help = VaultWatch.helpMessage(for: command)
        var names: Set<String> = []
        let pattern = try? NSRegularExpression(pattern: #"--[a-z0-9][a-z0-9-]*"#)
        let range = NSRange(help.startIndex..., in: help)
        for match in pattern?.matches(in: help, range: range) ?? [] {
            if let r = Range(match.range, in: help) { names.insert(String(help[r])) }
        }
        return names.sorted()
    }
}
