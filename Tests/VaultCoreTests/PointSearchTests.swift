import Foundation
import Testing

@testable import VaultCore

/// `/` over recovery points: each distinct text judged once, with the same answers Foundation's
/// case- and accent-insensitive search gives.
@Suite struct PointSearchTests {
    static func point(_ n: Int, resource: String, name: String?, type: String, status: RecoveryPoint.Status = .completed)
        -> RecoveryPoint
    {
        RecoveryPoint(
            arn: "arn:aws:backup:us-east-1:111122223333:recovery-point:p-\(n)", vaultName: "WORM_vault",
            accountId: "111122223333", region: "us-east-1", resourceArn: resource, resourceType: type, resourceName: name,
            status: status, creationDate: Date(timeIntervalSince1970: Double(n) * 3600),
            lifecycle: Lifecycle(deleteAfterDays: n % 2 == 0 ? 7 : nil), isEncrypted: true)
    }

    static var list: PointList {
        var list = PointList(vault: VaultKey(accountId: "111122223333", region: "us-east-1", name: "WORM_vault"))
        let db = "arn:aws:rds:us-east-1:444455556666:db:orders-db"
        let bucket = "arn:aws:s3:::café-reports"
        for n in 0..<6 { list.upsert(point(n, resource: db, name: "orders-db", type: "RDS")) }
        list.upsert(point(6, resource: bucket, name: "café-reports", type: "S3", status: .partial))
        list.upsert(point(7, resource: "arn:aws:ec2:us-east-1:777788889999:instance/i-0abc", name: nil, type: "EC2"))
        return list
    }

    @Test func everyWordMustBeFoundInSomeText() {
        let list = Self.list
        #expect(list.matches(PointSearch("orders")) == [true, true, true, true, true, true, false, false])
        #expect(list.matches(PointSearch("ORDERS rds")) == [true, true, true, true, true, true, false, false])
        #expect(list.matches(PointSearch("orders s3")) == Array(repeating: false, count: 8), "no one text holds both")
        #expect(list.matches(PointSearch("worm")) == Array(repeating: true, count: 8), "the vault's name is every point's")
        #expect(list.matches(PointSearch("partial")) == [false, false, false, false, false, false, true, false])
        #expect(list.matches(PointSearch("7777")) == [false, false, false, false, false, false, false, true], "the account in the ARN")
    }

    @Test func accentsAndCaseAreIgnoredAsFoundationIgnoresThem() {
        let list = Self.list
        #expect(list.matches(PointSearch("cafe"))[6])
        #expect(list.matches(PointSearch("CAFÉ"))[6])
        for (text, word) in [("orders-db", "DERS"), ("café-reports", "Cafe"), ("i-0abc", "0ABD"), ("Ünïcode", "unic"), ("abc", "")] {
            let foundation = word.isEmpty || text.range(of: word, options: [.caseInsensitive, .diacriticInsensitive]) != nil
            #expect(PointSearch.contains(text, word) == foundation, "\(text) / \(word)")
        }
    }

    @Test func rowsAreFoundByArnAndReadWithoutMakingPoints() {
        let list = Self.list
        #expect(list.row(of: "arn:aws:backup:us-east-1:111122223333:recovery-point:p-6") == 6)
        #expect(list.row(of: "arn:aws:backup:us-east-1:111122223333:recovery-point:nope") == nil)
        #expect(list.creationInterval(at: 3) == list[3].creationDate.timeIntervalSinceReferenceDate)
        #expect(list.deletionInterval(at: 2) == list[2].deleteAt?.timeIntervalSinceReferenceDate)
        #expect(list.deletionInterval(at: 3) == nil)
    }
}
