import ArgumentParser
import Foundation
import VaultStore

/// `--store DIR` / `--profile NAME` of the commands that only read or write a store, so several
/// stores (and tests) never collide. Both name the store, so giving both is refused rather than one
/// of them silently ignored.
struct StoreOptions: ParsableArguments, StoreLocation {
    @Option(name: .long, help: ArgumentHelp("Store directory (default: $XDG_STATE_HOME/vaultwatch/<profile>).", valueName: "dir"))
    var store: String?

    @Option(name: .long, help: "Profile whose store to use (instead of --store).")
    var profile: String?

    func validate() throws {
        if store != nil, profile != nil {
            throw ValidationError("--store and --profile both name the store: give one of them")
        }
    }
}

/// `--store DIR` / `--profile NAME` of `sync` and `watch`, where the profile is also the AWS CLI
/// profile read, so `--store` may put that profile's store elsewhere.
struct AccountStoreOptions: ParsableArguments, StoreLocation {
    @Option(name: .long, help: ArgumentHelp("Store directory (default: $XDG_STATE_HOME/vaultwatch/<profile>).", valueName: "dir"))
    var store: String?

    @Option(name: .long, help: "AWS CLI profile to read, and whose store to use when --store is not given.")
    var profile: String?
}

/// Where a command's store is, from `--store` or `--profile`, and how it is opened.
protocol StoreLocation {
    var store: String? { get }
    var profile: String? { get }
}

extension StoreLocation {
    /// The store directory for a command whose default profile is `defaultProfile`.
    func directory(defaultProfile: String) -> URL {
        if let store { return URL(fileURLWithPath: (store as NSString).expandingTildeInPath) }
        return Store.defaultDirectory(profile: profile ?? defaultProfile)
    }

    /// Opens a store that must already exist, for reading only: the listing and checking commands
    /// never create a store by accident (a mistyped --profile or --store would otherwise print an
    /// empty table and exit 0), and change nothing in one.
    func openExisting(defaultProfile: String = "default") throws -> Store {
        let dir = directory(defaultProfile: defaultProfile)
        do {
            return try Store(readingFrom: dir)
        } catch StoreError.noStore(let path) {
            throw CLIError("no store at \(path) (run `vaultwatch demo`, or give --store DIR or --profile NAME)")
        } catch {
            throw CLIError("\(error)")
        }
    }

    /// Opens a store that must already exist, to write to it (`ack`, `store compact`, …).
    func openExistingForWriting(defaultProfile: String = "default") throws -> Store {
        _ = try openExisting(defaultProfile: defaultProfile)
        return try open(defaultProfile: defaultProfile)
    }

    /// Opens the store for writing, creating it when missing, with the digest signing key (made
    /// when missing: see `DigestKey`). What opening repaired is said on stderr.
    func open(defaultProfile: String = "default") throws -> Store {
        let directory = directory(defaultProfile: defaultProfile)
        let signer = try DigestKeyOption.signer(for: directory)
        let store: Store
        do {
            store = try Store(directory: directory, signer: signer)
        } catch {
            throw CLIError("\(error)")
        }
        ProblemReport.say(store.takeNotes())
        return store
    }
}

/// An error printed as one line on stderr, with a non-zero exit.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    /// Outside text (paths, store lines) can hold escape sequences: never print them raw.
    init(_ description: String) { self.description = TextTable.sanitize(description) }
}
