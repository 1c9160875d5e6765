import Foundation
import VaultCore

/// The rows of the Recovery points tab: each a reference to a point (a vault's list and a row in
/// it), in the order and under the filter chosen. A million points are ordered and filtered as
/// references; a `RecoveryPoint` is made only for a row that is drawn or opened.
public struct PointRows: RandomAccessCollection, Sendable {
    /// A list's position in `lists` (high 32 bits) and the row in it (low 32 bits).
    typealias Ref = UInt64

    let lists: [PointList]
    let refs: [Ref]

    init(lists: [PointList] = [], refs: [Ref] = []) {
        self.lists = lists
        self.refs = refs
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { refs.count }

    public subscript(position: Int) -> RecoveryPoint {
        let ref = refs[position]
        return lists[Int(ref >> 32)][Int(ref & 0xFFFF_FFFF)]
    }

    /// Where the point with this ARN is among the rows (a scan of references, no point is made).
    func position(ofArn arn: String) -> Int? {
        for (l, list) in lists.enumerated() {
            guard let row = list.row(of: arn) else { continue }
            let ref = Ref(l) << 32 | Ref(row)
            return refs.firstIndex(of: ref)
        }
        return nil
    }

    /// Every point of `lists` in `order`: made once per order and revision, then filtered as
    /// many times as a filter is typed.
    static func ordered(_ lists: [PointList], order: String) -> PointRows {
        if order == "vault" {
            // By vault name (the lists come in that order), newest first within each.
            let refs = lists.enumerated().flatMap { l, list in
                list.indices.sorted {
                    let (a, b) = (list.creationInterval(at: $0), list.creationInterval(at: $1))
                    return a != b ? a > b : $0 < $1
                }.map { Ref(l) << 32 | Ref($0) }
            }
            return PointRows(lists: lists, refs: refs)
        }
        var keyed: [(key: Double, ref: Ref)] = []
        keyed.reserveCapacity(lists.reduce(0) { $0 + $1.count })
        for (l, list) in lists.enumerated() {
            for row in list.indices {
                let key: Double
                switch order {
                case "expires": key = list.deletionInterval(at: row) ?? .infinity
                case "size": key = -Double(list.size(at: row))
                default: key = -list.creationInterval(at: row)  // newest first
                }
                keyed.append((key, Ref(l) << 32 | Ref(row)))
            }
        }
        keyed.sort { $0.key != $1.key ? $0.key < $1.key : $0.ref < $1.ref }
        return PointRows(lists: lists, refs: keyed.map(\.ref))
    }

    /// Which points a search found, one flag per point (list after list, in row order).
    struct Found: Sendable {
        var search: String
        var flags: [Bool]
    }

    /// The rows `search` finds, in the same order: each list judges its rows in row order (one
    /// pass over its memory), then the references are kept or dropped. What earlier searches of
    /// the same rows found (`earlier`) is used: a text searched before is not judged again (a
    /// backspace), and typing on only judges again what the text typed so far found.
    func filtered(_ search: String, earlier: [Found] = []) -> (rows: PointRows, found: Found?) {
        let words = PointSearch(search)
        guard !words.isEmpty else { return (self, nil) }
        var start: [Int] = []
        var total = 0
        for list in lists {
            start.append(total)
            total += list.count
        }
        let usable = earlier.filter { $0.flags.count == total && !$0.search.isEmpty && search.hasPrefix($0.search) }
        let longest = usable.max { $0.search.count < $1.search.count }
        var found = longest?.flags ?? [Bool](repeating: true, count: total)
        if longest?.search != search { judge(words, into: &found, start: start) }
        var kept: [Ref] = []
        kept.reserveCapacity(refs.count / 4)
        found.withUnsafeBufferPointer { found in
            start.withUnsafeBufferPointer { start in
                for ref in refs where found[start[Int(ref >> 32)] + Int(ref & 0xFFFF_FFFF)] { kept.append(ref) }
            }
        }
        return (PointRows(lists: lists, refs: kept), Found(search: search, flags: found))
    }

    /// Clears the flag of every point (still flagged) that `words` do not find.
    private func judge(_ words: PointSearch, into found: inout [Bool], start: [Int]) {
        found.withUnsafeMutableBufferPointer { found in
            // The lists are judged side by side, each into its own part of `found`.
            let flags = Flags(buffer: found)
            let lists = self.lists
            let start = start
            DispatchQueue.concurrentPerform(iterations: lists.count) { l in
                lists[l].matches(words, into: UnsafeMutableBufferPointer(rebasing: flags.buffer[start[l]..<(start[l] + lists[l].count)]))
            }
        }
    }
}

/// Flags that parallel workers write, each into a part of its own.
private struct Flags: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Bool>
}
