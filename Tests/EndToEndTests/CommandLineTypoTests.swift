import Foundation
import Testing

/// A mistyped command, option or vault name, as the real binary meets it: one line beginning
/// `vaultwatch: ` that says what was probably meant, the usage of the command meant, and exit 64
/// (a usage error) or 1; never ArgumentParser's own `Error:`.
@Suite(.serialized) struct CommandLineTypoTests {
    static let store = FileManager.default.temporaryDirectory.appendingPathComponent("vw-typos-\(UUID().uuidString)")

    func run(_ arguments: [String]) throws -> (status: Int32, stderr: String) {
        let outcome = try Shell.outcome(try Built.vaultwatch.path, arguments)
        return ((outcome.status >> 8) & 0xff, outcome.stderr)
    }

    @Test(arguments: [
        (["stor", "verify"], #"unknown command "stor" for vaultwatch (did you mean "vaultwatch store"?)"#, "Usage: vaultwatch <subcommand>"),
        (["vault"], #"unknown command "vault" for vaultwatch (did you mean "vaultwatch vaults"?)"#, "Usage: vaultwatch <subcommand>"),
        (["store", "verfy", "--profile", "demo"], #"unknown command "verfy" for vaultwatch store (did you mean "vaultwatch store verify"?)"#,
         "Usage: vaultwatch store <subcommand>"),
        (["rule", "test", "--patern", "x.json"], #"unknown option "--patern" for vaultwatch rule test (did you mean "--pattern"?)"#,
         "Usage: vaultwatch rule test --pattern <file>"),
        (["alerts", "--profil", "demo"], #"unknown option "--profil" for vaultwatch alerts (did you mean "--profile"?)"#, "Usage: vaultwatch alerts"),
        (["--profil", "demo"], #"unknown option "--profil" for vaultwatch watch (did you mean "--profile"?)"#, "Usage: vaultwatch watch"),
        (["emulate", "--prot", "1"], #"unknown option "--prot" for vaultwatch emulate serve (did you mean "--port"?)"#,
         "Usage: vaultwatch emulate serve"),
        (["guardrails", "chek"], #"unknown command "chek" for vaultwatch guardrails (did you mean "vaultwatch guardrails check"?)"#,
         "Usage: vaultwatch guardrails <subcommand>"),
    ] as [([String], String, String)])
    func aMistypedCommandOrOptionSaysWhatWasMeant(_ arguments: [String], _ message: String, _ usage: String) throws {
        let outcome = try run(arguments)
        #expect(outcome.status == 64, "\(outcome.stderr)")
        let lines = outcome.stderr.split(separator: "\n")
        #expect(lines.count == 2, "\(outcome.stderr)")
        #expect(lines.first?.hasPrefix("vaultwatch: \(message)") == true, "\(outcome.stderr)")
        #expect(lines.last?.hasPrefix(usage) == true, "\(outcome.stderr)")
        #expect(!outcome.stderr.contains("Error:"))
    }

    @Test func aVaultNameInTheWrongCaseSaysWhichVaultWasMeant() throws {
        defer { try? FileManager.default.removeItem(at: Self.store) }
        let sync = try Shell.outcome(try Built.vaultwatch.path, ["sync", "--source", "demo", "--once", "--store", Self.store.path])
        #expect(sync.status == 0, "\(sync.stderr)")
        for command in [["points"], ["guardrails", "check"]] {
            let outcome = try run(command + ["--vault", "worm_vault", "--store", Self.store.path])
            #expect(outcome.status != 0)
            #expect(outcome.stderr.contains(#"no vault named "worm_vault""#) && outcome.stderr.contains(#"(did you mean "WORM_vault"?)"#), "\(command): \(outcome.stderr)")
            #expect(outcome.stderr.split(separator: "\n").allSatisfy { $0.hasPrefix("vaultwatch: ") }, "\(outcome.stderr)")
        }
    }
}
