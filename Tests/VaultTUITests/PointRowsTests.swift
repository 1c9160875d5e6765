import Foundation
import Testing
import VaultCore

@testable import VaultTUI

/// The Recovery points tab's rows as references: each order as the points themselves would sort,
/// a filter that keeps the order, and the selection found again after either.
@Suite struct PointRowsTests {
    static var state: AccountState { Fixture.state }

    /// The rows as a plain sort of made points would give them (ties by row, as the references).
    static func expected(_ order: String, filter: String) -> [String] {
        let lists = state.pointsByVault.keys.sorted { ($0.name, $0) < ($1.name, $1) }.map { state.points(in: $0) }
        let search = PointSearch(filter)
        var points: [(list: Int, row: Int, point: RecoveryPoint)] = []
        for (l, list) in lists.enumerated() {
            for (r, p) in list.enumerated() { points.append((l, r, p)) }
        }
        points = points.filter { entry in
            search.words.allSatisfy { word in
                [entry.point.vaultName, entry.point.resourceArn, entry.point.resourceName, entry.point.resourceType,
                 entry.point.status.rawValue].contains { $0.map { PointSearch.contains($0, word) } ?? false }
            }
        }
        func key(_ p: RecoveryPoint, _ l: Int) -> [Double] {
            switch order {
            case "expires": return [p.deleteAt?.timeIntervalSinceReferenceDate ?? .infinity]
            case "size": return [-Double(p.sizeBytes)]
            case "vault": return [Double(l), -p.creationDate.timeIntervalSinceReferenceDate]
            default: return [-p.creationDate.timeIntervalSinceReferenceDate]
            }
        }
        return points.sorted {
            let (a, b) = (key($0.point, $0.list), key($1.point, $1.list))
            return a != b ? a.lexicographicallyPrecedes(b) : ($0.list, $0.row) < ($1.list, $1.row)
        }.map(\.point.arn)
    }

    @Test(arguments: ["newest", "expires", "vault", "size"])
    func eachOrderSortsAsThePointsWould(_ order: String) {
        let rows = RowDerivation.points(Self.state, vault: nil, order: order)
        #expect(rows.map(\.arn) == Self.expected(order, filter: ""))
        for filter in ["worm", "EC2", "444455556666 ec2", "cafe", "zzz"] {
            #expect(rows.filtered(filter).rows.map(\.arn) == Self.expected(order, filter: filter), "\(order) / \(filter)")
        }
        // Typed on, a filter looks again only at what it found: the same rows as from scratch.
        var found: [PointRows.Found] = []
        for typed in ["4", "44", "444455556666", "444455556666 e", "444455556666 ec2", "444455556666 e", "4", "w"] {
            let narrowed = rows.filtered(typed, earlier: found)
            #expect(narrowed.rows.map(\.arn) == Self.expected(order, filter: typed), "\(order) / \(typed)")
            found.append(narrowed.found!)
        }
    }

    @Test func theSelectedPointIsFollowedThroughAFilterAndASort() {
        var s = Fixture.app(width: 80, height: 24)
        FirstUserFixture.keys(&s, [.char("2"), .char("j"), .char("j")])
        let selected = s.currentPoint?.arn
        FirstUserFixture.keys(&s, [.char("/")] + FirstUserFixture.type("vault") + [.enter])
        #expect(s.currentPoint?.arn == selected, "still there under the filter, still selected")
        #expect(s.pointRows.count < s.snapshot.state.pointCount, "the filter hid the points of other vaults")
        FirstUserFixture.keys(&s, [.escape])
        #expect(s.currentPoint?.arn == selected)
        #expect(s.pointRows.count == s.snapshot.state.pointCount)
    }
}
