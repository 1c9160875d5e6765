import Foundation

/// The inputs kept in the repository for a fuzzer: its seeds (`Fuzz/Seeds/NAME`) and every finding
/// it made (`Fuzz/Regressions/NAME`), which the test suites replay through the same checks.
public enum FuzzCorpus {
    public static func saved(_ name: String) throws -> [(name: String, bytes: [UInt8])] {
        let fuzz = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        var found: [(name: String, bytes: [UInt8])] = []
        for kind in ["Seeds", "Regressions"] {
            let dir = fuzz.appendingPathComponent(kind).appendingPathComponent(name)
            for file in (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [] {
                found.append(("\(kind)/\(name)/\(file)", Array(try Data(contentsOf: dir.appendingPathComponent(file)))))
            }
        }
        return found.sorted { $0.name < $1.name }
    }
}
