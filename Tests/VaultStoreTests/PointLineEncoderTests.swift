import Foundation
import Testing
import VaultCore

@testable import VaultStore

/// The fast point encoder writes exactly what Foundation's encoder writes, byte for byte.
@Suite("The fast recovery-point encoder")
struct PointLineEncoderTests {
    static func foundation(_ point: RecoveryPoint) throws -> [UInt8] {
        let json = JSONEncoder()
        json.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        json.dateEncodingStrategy = .custom { date, encoder in try StoreDate.encode(date, to: encoder) }
        return Array(try json.encode(point))
    }

    static var points: [RecoveryPoint] {
        var all: [RecoveryPoint] = []
        let texts = Fixture.hostileTexts + ["", "plain", "\u{1}\u{8}\u{c}\u{1f}\u{7f}", "é\u{301}"]
        for (i, text) in texts.enumerated() {
            var p = Fixture.point(i, in: Fixture.hostileVaultNames[i % Fixture.hostileVaultNames.count])
            p.resourceName = i % 3 == 0 ? nil : text
            p.resourceArn = text
            p.resourceType = texts[(i + 1) % texts.count]
            p.iamRoleArn = i % 2 == 0 ? nil : text
            p.completionDate = i % 4 == 0 ? nil : Fixture.instant(-62_167_219_200_000 + Int64(i))
            p.sizeBytes = [Int64.min, -1, 0, Int64.max][i % 4]
            p.lifecycle = [
                Lifecycle(), Lifecycle(deleteAfterDays: 1), Lifecycle(moveToColdStorageAfterDays: 90),
                Lifecycle(moveToColdStorageAfterDays: Int.max, deleteAfterDays: Int.min),
            ][i % 4]
            p.status = RecoveryPoint.Status.allCases[i % RecoveryPoint.Status.allCases.count]
            p.storageClass = [.warm, .cold, .deleted][i % 3]
            p.isEncrypted = i % 2 == 0
            all.append(p)
        }
        return all
    }

    @Test("writes the bytes JSONEncoder writes", arguments: points)
    func sameBytes(_ point: RecoveryPoint) throws {
        #expect(try PointLineEncoder.data(of: point) == Self.foundation(point))
    }

    @Test("refuses a date four year digits cannot say, as the store always has")
    func outOfRange() {
        var point = Fixture.point(1, in: "a")
        point.creationDate = Date(timeIntervalSince1970: 1e12)
        #expect(throws: StoreError.self) { try RecordEncoder().data(of: .recoveryPoint(point)) }
    }
}
