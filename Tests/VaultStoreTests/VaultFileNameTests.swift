import Foundation
import Testing
import VaultCore

@testable import VaultStore

@Suite("Points files named after hostile vault names")
struct VaultFileNameTests {
    @Test("names map to safe, distinct file names of at most 120 bytes")
    func safeNames() {
        let stems = Fixture.hostileVaultNames.map(VaultFileName.stem(for:))
        for (name, stem) in zip(Fixture.hostileVaultNames, stems) {
            #expect(stem.utf8.count <= 120, "\(name)")
            #expect(!stem.hasPrefix("."), "\(name)")
            #expect(stem.utf8.allSatisfy { b in
                (0x30...0x39).contains(b) || (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b)
                    || "_-.%~".utf8.contains(b)
            }, "\(name) → \(stem)")
        }
        #expect(Set(stems).count == stems.count)
    }

    @Test("the mapping keeps safe bytes and percent-encodes the rest")
    func examples() {
        #expect(VaultFileName.stem(for: "central-backup_01") == "central-backup_01")
        #expect(VaultFileName.stem(for: "prod/eu") == "prod%2Feu")
        #expect(VaultFileName.stem(for: "..") == "%2E.")
        #expect(VaultFileName.stem(for: ".hidden") == "%2Ehidden")
        #expect(VaultFileName.stem(for: "%41") == "%2541")
        #expect(VaultFileName.stem(for: "🔒") == "%F0%9F%94%92")
        #expect(VaultFileName.stem(for: "") == "%")
    }

    @Test("a vault's file names its account, region and name; a legacy key its name alone")
    func keyedStems() {
        let key = VaultKey(accountId: "111122223333", region: "us-east-1", name: "WORM_vault")
        #expect(VaultFileName.stem(for: key) == "111122223333.us-east-1.WORM_vault")
        #expect(VaultFileName.stem(for: VaultKey.legacy("WORM_vault")) == "WORM_vault")
        let hostile = VaultKey(accountId: "../..", region: "/etc", name: "x")
        #expect(VaultFileName.stem(for: hostile) == "%2E.%2F...%2Fetc.x")
    }

    @Test("long names are cut to a prefix and a hash, never inside an escape")
    func longNames() {
        let long = VaultFileName.stem(for: String(repeating: "v", count: 300))
        #expect(long.hasPrefix(String(repeating: "v", count: 100) + "~"))
        #expect(long.utf8.count == 117)
        #expect(long != VaultFileName.stem(for: String(repeating: "v", count: 299) + "w"))
        // 33 plain bytes, then escapes: the 100-byte cut would fall inside "%A9".
        let escaped = VaultFileName.stem(for: String(repeating: "a", count: 33) + String(repeating: "é", count: 60))
        let prefix = escaped.split(separator: "~")[0]
        #expect(prefix.utf8.count == 99)
        #expect(prefix.hasSuffix("%A9"))
    }

    @Test("records of hostile vaults round-trip through their own files, all inside points/")
    func roundTrip() throws {
        let dir = TemporaryDirectory()
        let records: [Record] = Fixture.hostileVaultNames.enumerated().flatMap { i, name in
            [Record.recoveryPoint(Fixture.point(i, in: name)), .recoveryPoint(Fixture.point(i + 100, in: name))]
        }
        try Store(directory: dir.store).append(records)

        let files = try FileManager.default.contentsOfDirectory(atPath: dir.store.path).sorted()
        #expect(files == ["points"])
        let folder = try FileManager.default.contentsOfDirectory(atPath: dir.store.appendingPathComponent("points").path)
        let pointFiles = folder.filter { $0.hasSuffix(".jsonl") }
        #expect(pointFiles.count == Fixture.hostileVaultNames.count)
        // Each with its summary and its ARN hashes, named after it, and nothing else.
        #expect(folder.count == 3 * pointFiles.count)
        for file in pointFiles {
            let stem = file.dropLast(".jsonl".count)
            #expect(folder.contains(stem + ".summary") && folder.contains(stem + ".arns"), "\(file)")
        }
        #expect(pointFiles.contains("111122223333.eu-west-1.prod%2Feu.jsonl"))
        #expect(pointFiles.contains("111122223333.eu-west-1...%2F..%2Fetc%2Fpasswd.jsonl"))
        #expect(pointFiles.allSatisfy { !$0.contains("/") && !$0.hasPrefix(".") })

        let load = try Store(directory: dir.store).load()
        #expect(load.problems == [])
        #expect(load.records.count == records.count)
        #expect(Set(load.records.map(\.vaultName)) == Set(Fixture.hostileVaultNames.map(Optional.some)))
        for name in Fixture.hostileVaultNames {
            #expect(load.records.filter { $0.vaultName == name } == records.filter { $0.vaultName == name })
        }
    }
}

extension Record {
    /// The vault of a point record (what the points file is partitioned by).
    fileprivate var vaultName: String? {
        switch self {
        case .recoveryPoint(let p): return p.vaultName
        case .recoveryPointRemoved(_, let vault, _): return vault.name
        default: return nil
        }
    }
}
