/// One terminal cell: a grapheme (or nothing, for the right half of a wide grapheme) and the
/// role it is painted in.
public struct Cell: Equatable, Sendable {
    /// The grapheme drawn here; empty for a continuation cell covered by a wide grapheme.
    public var grapheme: String
    public var role: Role
    /// 2 for the first cell of a wide grapheme, 0 for its continuation, 1 otherwise.
    public var width: UInt8

    public init(_ grapheme: String = " ", role: Role = .normal, width: UInt8 = 1) {
        self.grapheme = grapheme
        self.role = role
        self.width = width
    }

    public var isContinuation: Bool { width == 0 }
}
