import Foundation
import Testing
import VaultCore

/// The compact list behaves exactly like an array of points with replace-in-place by ARN.
@Suite struct PointListTests {
    static let t0 = UTC.date(year: 2026, month: 11, day: 1)

    /// A small deterministic generator (the test must not depend on the run).
    struct Random {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
    }

    static func point(_ r: inout Random) -> RecoveryPoint {
        let arns = [
            "arn:aws:backup:eu-west-1:111122223333:recovery-point:", "arn:aws:ec2:eu-west-1::snapshot/snap-",
            "", "no-separator-", "arn:aws:backup:eu-west-1:111122223333:recovery-point:中央/",
        ]
        let statuses = RecoveryPoint.Status.allCases
        let classes: [RecoveryPoint.StorageClass] = [.warm, .cold, .deleted]
        return RecoveryPoint(
            arn: arns[r.next(arns.count)] + "\(r.next(60))", vaultName: "v", accountId: "111122223333",
            region: "eu-west-1",
            resourceArn: "arn:aws:rds:eu-west-1:444455556666:db:orders-\(r.next(5))", resourceType: ["RDS", "EC2", "S3"][r.next(3)],
            resourceName: r.next(3) == 0 ? nil : "orders 🔒 \(r.next(4))", status: statuses[r.next(statuses.count)],
            creationDate: t0.addingTimeInterval(Double(r.next(1_000_000)) / 7), completionDate: r.next(2) == 0 ? nil : t0,
            sizeBytes: Int64(r.next(1 << 30)) - 5,
            lifecycle: Lifecycle(moveToColdStorageAfterDays: r.next(3) == 0 ? nil : r.next(100), deleteAfterDays: r.next(2) == 0 ? nil : r.next(400)),
            storageClass: classes[r.next(3)], isEncrypted: r.next(2) == 0, iamRoleArn: r.next(2) == 0 ? nil : "arn:aws:iam::1:role/R\(r.next(3))")
    }

    @Test func upsertsAndRemovalsMatchAnArrayModel() {
        var r = Random(state: 7)
        var list = PointList(vault: VaultKey(accountId: "111122223333", region: "eu-west-1", name: "v"))
        var model: [RecoveryPoint] = []
        // As before the list was compact: the newest creation seen, looked for again only when
        // the point that had it is removed.
        var newest: Date?
        for step in 0..<3_000 {
            let p = Self.point(&r)
            if r.next(5) == 0 {
                list.remove(arn: p.arn)
                if let i = model.firstIndex(where: { $0.arn == p.arn }) {
                    let removed = model.remove(at: i)
                    if removed.creationDate == newest { newest = model.map(\.creationDate).max() }
                }
            } else {
                list.upsert(p)
                if let i = model.firstIndex(where: { $0.arn == p.arn }) { model[i] = p } else { model.append(p) }
                if newest.map({ p.creationDate > $0 }) ?? true { newest = p.creationDate }
            }
            if step % 97 == 0 || step == 2_999 {
                #expect(Array(list) == model)
                #expect(list.totalBytes == model.reduce(0) { $0 + $1.sizeBytes })
                #expect(list.newestCreation == newest)
                for m in model { #expect(list.point(arn: m.arn) == m) }
                #expect(list.point(arn: "arn:aws:backup:eu-west-1:111122223333:recovery-point:nope") == nil)
            }
        }
        let now = Self.t0.addingTimeInterval(86_400 * 30)
        #expect(list.nextDeletion(after: now) == model.compactMap(\.deleteAt).filter { $0 > now }.min())
    }

    /// A point's resource is found through a small cache keyed by the last bytes of its ARN:
    /// ARNs that share those bytes (so share a pair of slots, three or more to a pair), ARNs too
    /// short for the cache, and thousands of resources cycling through one list that grows point by
    /// point (its cache growing with it, more resources than slots) all come back as they went in.
    @Test func resourcesThatShareTheirLastBytesStayApart() {
        let tail = ":instance/i-0123456789abcdef0"
        let sharing = (0..<5).map { "arn:aws:ec2:eu-west-1:11112222333\($0)" + tail }
        let short = ["r", "arn:aws:s3:::b", "arn:aws:s3:::bucket-12345"]
        let many = (0..<3_000).map { "arn:aws:dynamodb:eu-west-1:444455556666:table/orders-\($0)" }
        var r = Random(state: 5)
        var list = PointList(vault: VaultKey(accountId: "111122223333", region: "eu-west-1", name: "v"))
        var model: [RecoveryPoint] = []
        for step in 0..<12_000 {
            let resource: String
            switch step % 4 {
            case 0, 1: resource = sharing[r.next(sharing.count)]
            case 2: resource = short[r.next(short.count)]
            default: resource = many[r.next(many.count)]
            }
            let p = RecoveryPoint(
                arn: "arn:aws:backup:eu-west-1:111122223333:recovery-point:p-\(step)", vaultName: "v", accountId: "111122223333",
                region: "eu-west-1", resourceArn: resource, resourceType: "EC2", creationDate: Self.t0.addingTimeInterval(Double(step)),
                sizeBytes: Int64(step), iamRoleArn: "arn:aws:iam::111122223333:role/R\(step % 2)")
            list.upsert(p)
            model.append(p)
        }
        #expect(Array(list) == model)
        #expect(list.count == 12_000)
    }

    @Test func equalityIsAboutThePointsNotHowTheyWereStored() {
        var r = Random(state: 11)
        let points = (0..<50).map { _ in Self.point(&r) }
        var a = PointList(vault: VaultKey(accountId: "111122223333", region: "eu-west-1", name: "v"))
        var b = PointList(vault: VaultKey(accountId: "111122223333", region: "eu-west-1", name: "v"))
        for p in points { a.upsert(p) }
        for p in points.reversed() { b.upsert(RecoveryPoint(arn: "x", vaultName: "x", resourceArn: p.resourceArn, resourceType: "x", creationDate: Self.t0)) }
        b.remove(arn: "x")
        for p in points { b.upsert(p) }
        #expect(a == b)
        b.upsert(RecoveryPoint(arn: "y", vaultName: "v", resourceArn: "r", resourceType: "t", creationDate: Self.t0))
        #expect(a != b)
    }
}
