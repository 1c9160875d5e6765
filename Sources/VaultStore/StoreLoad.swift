import VaultCore

/// What reading the store gave: the records in file order, and what was wrong along the way.
public struct StoreLoad: Sendable {
    public var records: [Record]
    public var problems: [StoreProblem]

    public init(records: [Record] = [], problems: [StoreProblem] = []) {
        self.records = records
        self.problems = problems
    }
}
