import ArgumentParser
import Foundation
import VaultStore

/// `--store DIR` / `--profile NAME`, shared by every command, so several stores (and tests)
/// never collide.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Store directory (default: $XDG_STATE_HOME/vaultwatch/<profile>).", valueName: "dir"))
    var store: String?

    @Option(name: .long, help: "Profile whose store to use when --store is not given.")
    var profile: String?

    /// The store directory for a command whose default profile is `defaultProfile`.
    func directory(defaultProfile: String) -> URL {
        if let store { return URL(fileURLWithPath: (store as NSString).expandingTildeInPath) }
        return Store.defaultDirectory(profile: profile ?? defaultProfile)
    }

    /// Opens a store that must already exist: the listing commands never create one by accident
    /// (a mistyped --profile or --store would otherwise print an empty table and exit 0).
    func openExisting(defaultProfile: String = "default") throws -> Store {
        let dir = directory(defaultProfile: defaultProfile)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir.path, isDirectory: &isDirectory) else {
            throw CLIError("no store at \(dir.path) (run `vaultwatch demo`, or give --store DIR or --profile NAME)")
        }
        guard isDirectory.boolValue else { throw CLIError("\(dir.path) is not a store directory") }
        return try open(defaultProfile: defaultProfile)
    }

    func open(defaultProfile: String = "default") throws -> Store {
        do {
            return try Store(directory: directory(defaultProfile: defaultProfile))
        } catch {
            throw CLIError("\(error)")
        }
    }
}

/// An error printed as one line on stderr, with a non-zero exit.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    /// Outside text (paths, store lines) can hold escape sequences: never print them raw.
    init(_ description: String) { self.description = TextTable.sanitize(description) }
}
