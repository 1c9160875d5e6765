import ArgumentParser
import Foundation
import VaultCore
import VaultStore

/// `vaultwatch store …`: looking after the store itself rather than the account in it.
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Check and maintain the store: verify it against its signed digests, sign, repair, compact.",
        subcommands: [VerifyStore.self, DigestStore.self, RepairStore.self, CompactStore.self])
}

/// `vaultwatch store verify`: the hash chains, what the signed digests vouch for, the references.
struct VerifyStore: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the store against its hash chains and signed digests; exit 1 if anything is wrong.",
        discussion: """
            Each call, alert and acknowledgement line carries the SHA-256 of the line before it, and signed \
            digests (digests.jsonl) vouch for how far each of those files reached: a broken chain names the first \
            line altered, removed, inserted or reordered; a file cut short or changed where a digest reaches is \
            named too. Lines after the newest digest are said to be not yet covered. Every acknowledgement must \
            name an alert the store holds, and every alert a call. With --digest, the store is also checked \
            against a digest kept elsewhere (`vaultwatch store digest --export`), which catches a store rewritten \
            whole, its digests included. Reads only; changes nothing.
            """)

    @OptionGroup var storeOptions: StoreOptions
    @Option(help: ArgumentHelp("A digest kept elsewhere to check the store against.", valueName: "file"))
    var digest: String?
    @Option(
        name: .customLong("public-key"),
        help: ArgumentHelp("The public key to check signatures with (default: the signing key's).", valueName: "file"))
    var publicKey: String?

    func run() throws {
        let store = try storeOptions.openExisting()
        let (key, source) = try DigestKeyOption.trusted(publicKeyFile: publicKey)
        var kept: [UInt8]?
        if let digest {
            do {
                kept = Array(try InputFile.read(digest))
            } catch {
                throw CLIError("\(error)")
            }
        }
        let report: ChainReport
        do {
            report = try store.verify(trusting: key, keySource: source, kept: kept)
        } catch {
            throw CLIError("\(error)")
        }
        ProblemReport.say(store.tornLines() + store.permissionProblems())
        for line in report.lines { print(TextTable.sanitize(line)) }
        // The digest this machine last signed for the store, kept beside the key: the end of the
        // digest chain, which the chain cannot vouch for itself.
        let head = store.signedHeadProblem(in: DigestKey.heads(besideKeyAt: DigestKeyOption.file))
        if let head { print(TextTable.sanitize("digests.jsonl: \(head)")) }
        if !report.isIntact || head != nil { throw ExitCode(1) }
    }
}

/// `vaultwatch store digest`: sign a digest now, or print the newest (or the public key) to keep elsewhere.
struct DigestStore: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest",
        abstract: "Sign a digest of the store now; --export prints the newest, --public-key the key that checks them.",
        discussion: """
            A digest vouches, under an Ed25519 signature, for how many lines each of events.jsonl, alerts.jsonl and \
            acks.jsonl held and for the hash of the last of them. Writing vaultwatch commands sign one at every \
            acknowledgement and at most every minute of other activity. Keep exported digests and the public key \
            away from this machine: `vaultwatch store verify --digest FILE --public-key FILE` then catches a store \
            rewritten whole. The signing key is $XDG_CONFIG_HOME/vaultwatch/digest-key.pem (mode 0600).
            """)

    @OptionGroup var storeOptions: StoreOptions
    @Flag(help: "Print the newest digest, as it is stored, instead of signing one.") var export = false
    @Flag(name: .customLong("public-key"), help: "Print the public key that checks the digests (PEM).")
    var publicKey = false

    func validate() throws {
        if export, publicKey {
            throw ValidationError("--export prints the newest digest and --public-key the key: give one of them")
        }
    }

    func run() throws {
        if publicKey {
            let (key, _) = try DigestKeyOption.trusted(publicKeyFile: nil)
            guard let key else { throw CLIError("no digest signing key at \(DigestKeyOption.file.path) yet") }
            return FileHandle.standardOutput.write(Data(key.pem.utf8))
        }
        if export {
            let store = try storeOptions.openExisting()
            let line: [UInt8]?
            do {
                line = try store.newestDigestLine()
            } catch {
                throw CLIError("\(error)")
            }
            guard let line else { throw CLIError("the store holds no digest yet (`vaultwatch store digest` signs one)") }
            // Digests are the store's own ASCII; made inert all the same, as everything printed is.
            return print(TextTable.sanitize(String(decoding: line, as: UTF8.self)))
        }
        let store = try storeOptions.openExistingForWriting()
        let digest = try ProblemReport.writing(store) { try store.signDigest() }
        let files = digest.files.map { "\($0.file) \($0.lines) line\($0.lines == 1 ? "" : "s")" }.joined(separator: ", ")
        print("signed digest \(digest.seq) at \(UTC.second(digest.at)) UTC: \(files)")
    }
}

/// `vaultwatch store repair`: what reading leaves alone, put right and said.
struct RepairStore: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repair",
        abstract: "Narrow modes to 0700/0600, set torn last lines aside, remove what a stopped compaction left; say each.",
        discussion: "Reading commands never change the store; they name what is wrong and this command. Every file "
            + "is read first: a line from a newer vaultwatch stops the repair before anything is changed. What no repair "
            + "puts right (lines cut or edited, a digest forged or signed by another key) is said as `store verify` says "
            + "it, and the command exits 1.")

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let store = try storeOptions.openExistingForWriting()
        let repairs = try ProblemReport.writing(store) { try store.repair() }
        for repair in repairs { print(TextTable.sanitize("repaired \(repair)")) }
        // What a repair cannot put right is said, as `store verify` says it, and fails the command.
        let (key, source) = try DigestKeyOption.trusted(publicKeyFile: nil)
        let faults: [String]
        do {
            faults = try store.verify(trusting: key, keySource: source).faults
        } catch {
            throw CLIError("\(error)")
        }
        if repairs.isEmpty && faults.isEmpty { print("nothing to repair") }
        guard faults.isEmpty else {
            for fault in faults { ProblemReport.warn("cannot be repaired here: \(fault)") }
            throw CLIError(
                "the store is not as its digests vouch (`vaultwatch store verify` says more): restore the files from a copy,"
                    + " or start a new digest chain on purpose (move digests.jsonl aside, then `vaultwatch store digest`)")
        }
    }
}

/// `vaultwatch store compact`: superseded vault and recovery point snapshots rewritten away.
struct CompactStore: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compact",
        abstract: "Keep only the newest line of each vault and recovery point; print sizes before and after.",
        discussion: "Each file is rewritten to a new file, flushed and renamed into place under its lock, so "
            + "appenders wait and an interruption loses nothing. Alerts, acknowledgements, events, jobs and "
            + "sync lines are never touched: the hash chain stays intact. Every file is read first: a line from a "
            + "newer vaultwatch anywhere stops the compaction before anything is changed.")

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let store = try storeOptions.openExistingForWriting()
        let report = try ProblemReport.writing(store) { try store.compact() }
        func row(_ name: String, _ lines: (Int, Int), _ bytes: (Int, Int)) -> [String] {
            [name, "\(lines.0) → \(lines.1)", "\(Self.size(bytes.0)) → \(Self.size(bytes.1))"]
        }
        var rows = report.files.map { row($0.file, ($0.linesBefore, $0.linesAfter), ($0.bytesBefore, $0.bytesAfter)) }
        rows.append(row("total", (report.linesBefore, report.linesAfter), (report.bytesBefore, report.bytesAfter)))
        TextTable.print(header: ["FILE", "LINES", "SIZE"], rows: rows)
    }

    /// `812 B`, `12.3 KiB`, `4.1 MiB`.
    static func size(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        let units = ["KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes) / 1024
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return String(format: "%.1f", value) + " " + units[unit]
    }
}
