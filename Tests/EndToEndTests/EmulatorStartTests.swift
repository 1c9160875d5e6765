import Foundation
import Testing

/// How `vaultwatch emulate` starts on a store a failure left behind, and on a port already taken:
/// the real binary, its stderr as the operator reads it, and the store's files on disk.
@Suite struct EmulatorStartTests {
    /// A taken port is refused in one line before the store's folder, keys.json, state.json or
    /// cloudtrail.jsonl is made (they were all made first, then the listen failed).
    @Test func aTakenPortIsRefusedBeforeAnythingIsMade() throws {
        let running = try EmulatorProcess()
        let store = FileManager.default.temporaryDirectory.appendingPathComponent("vw-emu-taken-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: store) }
        let outcome = try Shell.outcome(try Built.vaultwatch.path, ["emulate", "--port", "\(running.port)", "--store", store.path])
        #expect(outcome.status >> 8 == 1)
        let lines = outcome.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines.first?.hasPrefix("vaultwatch: ") == true, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("\(running.port)"), "\(outcome.stderr)")
        #expect(!FileManager.default.fileExists(atPath: store.path))
    }

    /// A last line cut off mid-write (a power cut, a full disk) no longer stops the start: its bytes
    /// are moved to cloudtrail.jsonl.torn, the operator is told once which file and line, and the
    /// trail goes on from a clean line.
    @Test func aTornLastLineOfTheTrailIsSetAsideAndSaid() throws {
        let emulator = try EmulatorProcess()
        _ = try emulator.json("admin", ["backup", "list-backup-vaults"])
        #expect(emulator.stop() == 0)
        let trail = emulator.store.appendingPathComponent("cloudtrail.jsonl")
        let torn = emulator.store.appendingPathComponent("cloudtrail.jsonl.torn")
        let whole = try Data(contentsOf: trail)
        let lines = whole.split(separator: 0x0A).count
        #expect(lines > 0)
        let fragment = #"{"eventVersion":"1.09","eventTi"#
        let handle = try FileHandle(forWritingTo: trail)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(fragment.utf8))
        try handle.close()

        try emulator.start()
        let said = try String(contentsOfFile: emulator.log.path + ".err", encoding: .utf8)
        #expect(
            said == "vaultwatch: \(trail.path): set aside \(fragment.utf8.count) bytes of a torn last line (line \(lines + 1),"
                + " an unfinished write) in \(torn.path)\n")
        let kept = try String(contentsOf: torn, encoding: .utf8).split(separator: "\n")
        #expect(kept.count == 2 && kept[0].hasPrefix("# ") && kept[0].hasSuffix(
            "set aside \(fragment.utf8.count) bytes of a torn last line (line \(lines + 1)) of cloudtrail.jsonl from byte offset \(whole.count); they follow on the next line"))
        #expect(kept.last.map(String.init) == fragment)
        #expect(try Data(contentsOf: trail).prefix(whole.count) == whole)

        // The trail goes on, and the next start has nothing to say.
        _ = try emulator.json("admin", ["backup", "list-backup-vaults"])
        let events = try emulator.json("admin", ["cloudtrail", "lookup-events", "--max-results", "50"])["Events"] as? [Any]
        #expect((events?.count ?? 0) >= 2)
        #expect(emulator.stop() == 0)
        try emulator.start()
        #expect(try String(contentsOfFile: emulator.log.path + ".err", encoding: .utf8) == "")
        let after = try Data(contentsOf: trail)
        #expect(after.last == 0x0A && after.count > whole.count)
    }

    /// A damaged line inside the trail is not an unfinished write: the start stops naming the file
    /// and line, and nothing is changed.
    @Test func aDamagedLineInsideTheTrailStopsTheStartAndChangesNothing() throws {
        let emulator = try EmulatorProcess()
        _ = try emulator.json("admin", ["backup", "list-backup-vaults"])
        #expect(emulator.stop() == 0)
        let trail = emulator.store.appendingPathComponent("cloudtrail.jsonl")
        var data = try Data(contentsOf: trail)
        let lines = data.split(separator: 0x0A).count
        data += Data("not an event\n".utf8) + data.split(separator: 0x0A).first! + Data([0x0A])
        try data.write(to: trail)

        let outcome = try Shell.outcome(try Built.vaultwatch.path, ["emulate", "--port", "0", "--store", emulator.store.path])
        #expect(outcome.status >> 8 == 1)
        #expect(
            outcome.stderr.hasPrefix("vaultwatch: \(trail.path) line \(lines + 1) is not a recorded event; nothing was changed"),
            "\(outcome.stderr)")
        #expect(outcome.stderr.split(separator: "\n").count == 1)
        #expect(try Data(contentsOf: trail) == data)
        #expect(!FileManager.default.fileExists(atPath: trail.path + ".torn"))
    }
}
