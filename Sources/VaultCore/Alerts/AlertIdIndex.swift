import Synchronization

/// Where each alert id sits in an account state's `AlertLog`, shared by the state and every
/// snapshot taken of it. An alert keeps its place (raised again, it replaces itself), so a snapshot
/// holding `n` alerts reads the index as it reads its log, below `n`, while the worker's state goes
/// on adding ids past it: taking in an alert after a snapshot copies no table of every id. (It
/// did: a dictionary of ~125,000 ids copied on each tick while 5,000 alerts a second arrived, and
/// the replaced one freed: without it, the dashboard's CPU while they arrived fell by a tenth.) A state that has fallen behind the
/// index's newest place and then takes in an alert of its own (a copy changed apart from the
/// worker's) gets an index of its own first.
final class AlertIdIndex: Sendable {
    private struct Table {
        var places: [String: Int] = [:]
        /// Places given out: 0..<count.
        var count = 0
    }

    private let table: Mutex<Table>

    init() { table = Mutex(Table()) }

    private init(_ table: Table) { self.table = Mutex(table) }

    /// Where `id` is among the first `count` alerts, or nil.
    func place(of id: String, within count: Int) -> Int? {
        table.withLock { table in table.places[id].flatMap { $0 < count ? $0 : nil } }
    }

    /// Where `id` is among the first `next` alerts; else, when `next` is this index's newest place,
    /// `next`, which `id` now has. A state of `next` alerts that has fallen behind this index shares
    /// it on while it takes in the very id the index holds at `next`; nil when `id` is otherwise new
    /// to it (see `prefix`).
    func place(of id: String, orAppendAt next: Int) -> Int? {
        table.withLock { table in
            guard table.count == next else { return table.places[id].flatMap { $0 <= next ? $0 : nil } }
            // Every place given out is below `next`: one look-up finds it or gives it.
            func value(_ place: inout Int) -> Int { place }
            let place = value(&table.places[id, default: next])
            if place == next { table.count += 1 }
            return place
        }
    }

    /// An index of the first `count` places alone.
    func prefix(_ count: Int) -> AlertIdIndex {
        table.withLock { table in
            AlertIdIndex(Table(places: table.places.filter { $0.value < count }, count: min(count, table.count)))
        }
    }

    /// Room for `count` more ids.
    func reserveCapacity(_ count: Int) {
        table.withLock { table in table.places.reserveCapacity(table.places.count + count) }
    }
}

extension AlertIdIndex: Equatable {
    /// An index is derived from the log beside it: states whose logs are equal index them alike.
    static func == (lhs: AlertIdIndex, rhs: AlertIdIndex) -> Bool { true }
}
