import Glibc
import VaultCore

/// What a listing of alerts shows of each principal, worked out once per principal: its short
/// name (`DevOps/alice`) and the admin role its name reads as while not being it. A listing of
/// 15,000 alerts names a few thousand principals, sessions of a few dozen roles; working either
/// out (reading the ARN, making a string, comparing skeletons) costs more than finding it again.
/// Remembered in a fixed number of slots chosen by `ByteHash` of the ARN (a dictionary's SipHash of
/// the whole ARN cost a listing 6% of its time), and found again only when the whole principal is
/// the same byte for byte, so two principals of one ARN (a hostile store), or of two spellings of
/// it, still get their own answers.
struct ListedPrincipals {
    struct Shown {
        var name: String
        /// The admin role (ARN) the principal's name reads as, while not being it.
        var looksLike: String?
    }

    /// Remembers who imitates an admin, by judged ARN.
    private var assessor: AlertAssessor
    /// The last principal seen in each slot (chosen by `ByteHash` of its ARN), with what is shown
    /// of it.
    private var slots: [(principal: Principal, shown: Shown)?]
    private static let slotBits = 12

    init(admins: [String]) {
        assessor = AlertAssessor(admins: admins)
        slots = Array(repeating: nil, count: 1 << Self.slotBits)
    }

    mutating func shown(_ principal: Principal) -> Shown {
        let slot = Self.slot(of: principal.arn)
        if let hit = slots[slot], Self.same(hit.principal, principal) { return hit.shown }
        let shown = Shown(name: principal.displayName, looksLike: assessor.imitated(by: principal))
        slots[slot] = (principal, shown)
        return shown
    }

    /// Byte for byte, not as `==` compares strings (canonically): `José` and `Jose\u{301}` are
    /// two principals here, each shown as it is spelt, as `--json` and the dashboard show them.
    private static func same(_ a: Principal, _ b: Principal) -> Bool {
        func same(_ x: String?, _ y: String?) -> Bool {
            guard var x, var y else { return x == nil && y == nil }
            return x.utf8.count == y.utf8.count
                && x.withUTF8 { x in y.withUTF8 { y in x.isEmpty || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0 } }
        }
        return a.kind == b.kind && same(a.arn, b.arn) && same(a.accountId, b.accountId) && same(a.issuerArn, b.issuerArn)
    }

    private static func slot(of arn: String) -> Int {
        var arn = arn
        let h = arn.withUTF8 { ByteHash.hash(UnsafeRawBufferPointer($0)) }
        return Int(truncatingIfNeeded: h >> UInt64(64 - slotBits))
    }
}
