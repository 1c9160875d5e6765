import Foundation
import Testing
import VaultBench

@Suite("The benchmark's generated account is a function of its seed")
struct GeneratorTests {
    static let small = DatasetSpec(seed: 7, points: 240, vaults: 5, calls: 300)

    @Test("the same seed writes the same bytes, file for file")
    func sameSeedSameBytes() throws {
        let a = try written(Self.small)
        let b = try written(Self.small)
        #expect(a.count == 10)  // vaults, sync, events, alerts, acks and one points file per vault
        #expect(a == b)
    }

    @Test("another seed writes other bytes")
    func otherSeedOtherBytes() throws {
        var other = Self.small
        other.seed = 8
        #expect(try written(Self.small) != written(other))
    }

    @Test("a record is the same whatever was generated before it")
    func randomAccess() {
        let generator = AccountGenerator(Self.small)
        let late = generator.point(at: 200)
        _ = (0..<200).map { generator.point(at: $0) }
        #expect(generator.point(at: 200) == late)
        #expect(generator.call(at: 17) == AccountGenerator(Self.small).call(at: 17))
    }

    @Test("points have the shapes AWS gives them, and resources repeat across days")
    func shapes() {
        let generator = AccountGenerator(Self.small)
        let points = (0..<240).map { generator.point(at: $0) }
        for point in points {
            #expect(point.arn.hasPrefix("arn:aws:backup:eu-west-1:111122223333:recovery-point:"))
            #expect(point.arn.count == "arn:aws:backup:eu-west-1:111122223333:recovery-point:".count + 36)
        }
        #expect(Set(points.map(\.arn)).count == points.count)
        #expect(Set(points.map(\.resourceArn)).count < points.count / 10)
        #expect(Set(points.map(\.vaultName)).count == 5)
    }

    /// Every file of a store generated into a fresh directory, by path relative to it.
    private func written(_ spec: DatasetSpec) throws -> [String: Data] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try DatasetWriter(spec).write(to: directory)
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: directory.path)
        while let path = enumerator?.nextObject() as? String {
            guard path.hasSuffix(".jsonl") else { continue }
            files[path] = try Data(contentsOf: directory.appendingPathComponent(path))
        }
        return files
    }
}
