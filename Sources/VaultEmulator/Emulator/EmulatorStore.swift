import Foundation

#if canImport(Glibc)
    import Glibc
#endif
import VaultDemo

/// Where an emulator keeps its account between runs, in a directory of its own (mode 0700):
/// `keys.json` (the principals' access keys, mode 0600), `state.json` (the account, the
/// organization with its SCPs, the EventBridge rules and the clock's offset, rewritten whole after
/// each change) and `cloudtrail.jsonl` (one recorded event a line, appended). No file or folder of
/// it is reached through a symbolic link (see `EmulatorFile`).
public struct EmulatorStore: Sendable {
    public let directory: URL

    public init(directory: URL) { self.directory = directory }

    var keysFile: URL { directory.appendingPathComponent("keys.json") }
    var stateFile: URL { directory.appendingPathComponent("state.json") }
    var trailFile: URL { directory.appendingPathComponent("cloudtrail.jsonl") }

    /// What `state.json` holds.
    struct State: Codable {
        var account: DemoBackendSnapshot
        var organization: EmulatorOrganization?
        var eventRules: EventRules?
        /// What a store written before the organization was kept holds instead: the SCPs attached
        /// to the account, by name.
        var serviceControlPolicies: [String: String]?
        var clockOffset: TimeInterval

        init(account: DemoBackendSnapshot, organization: EmulatorOrganization, eventRules: EventRules, clockOffset: TimeInterval) {
            self.account = account
            self.organization = organization
            self.eventRules = eventRules
            self.clockOffset = clockOffset
        }

        /// The organization as saved, or the demo's with the SCPs an older store kept attached to the
        /// account.
        var restoredOrganization: EmulatorOrganization {
            if let organization { return organization }
            var organization = EmulatorOrganization.demo()
            for (name, document) in (serviceControlPolicies ?? [:]).sorted(by: { $0.key < $1.key }) {
                try? organization.put(name, document: document, at: account.accountId)
            }
            return organization
        }
    }

    /// Creates the directory when missing; refuses a link in its place.
    func prepare() throws {
        var st = stat()
        if lstat(directory.path, &st) != 0 {
            try FileManager.default.createDirectory(
                at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        try EmulatorFile.checkFolder(directory)
    }

    /// The principals' keys, made and written (0600) on first use.
    public func principals(creating: Bool = true) throws -> [EmulatorPrincipal] {
        if let data = try existing(keysFile) {
            do {
                return try JSONDecoder().decode([EmulatorPrincipal].self, from: data)
            } catch {
                throw EmulatorStoreError("\(keysFile.path) is not an emulator key file: \(error.localizedDescription)")
            }
        }
        guard creating else { throw EmulatorStoreError("no emulator store at \(directory.path) (no keys.json)") }
        try prepare()
        let principals = EmulatorPrincipals.generate()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try encoder.encode(principals)
        // Another process may have made them first: theirs are the keys, then.
        guard try EmulatorFile.write(data, to: keysFile, exclusive: true) else { return try self.principals(creating: false) }
        return principals
    }

    func loadState() throws -> State? {
        guard let data = try existing(stateFile) else { return nil }
        do {
            return try Self.decoder.decode(State.self, from: data)
        } catch {
            throw EmulatorStoreError("\(stateFile.path) cannot be read: \(error.localizedDescription); nothing was changed")
        }
    }

    func save(_ state: State) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .millisecondsSince1970
        let data = try encoder.encode(state)
        let temporary = directory.appendingPathComponent("state.json.writing")
        try EmulatorFile.write(data, to: temporary)
        // A rename replaces a link in state.json's place; it never writes where one points.
        guard rename(temporary.path, stateFile.path) == 0 else {
            throw EmulatorStoreError("cannot replace \(stateFile.path): \(String(cString: strerror(errno)))")
        }
    }

    func loadTrail() throws -> [TrailEvent] {
        guard let data = try existing(trailFile) else { return [] }
        var events: [TrailEvent] = []
        for (n, line) in data.split(separator: 0x0A).enumerated() {
            guard let event = try? Self.decoder.decode(TrailEvent.self, from: Data(line)) else {
                throw EmulatorStoreError("\(trailFile.path) line \(n + 1) is not a recorded event; nothing was changed")
            }
            events.append(event)
        }
        return events
    }

    func openTrailForAppending() throws -> FileHandle {
        try EmulatorFile.openForAppending(trailFile)
    }

    /// A file of the store, nil when it (or the store) does not exist yet.
    private func existing(_ file: URL) throws -> Data? {
        var st = stat()
        guard lstat(directory.path, &st) == 0 else { return nil }
        return try EmulatorFile.read(file)
    }

    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        return decoder
    }
}

public struct EmulatorStoreError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
