/// What the recovery points of one resource have in common, as ids of a `PointList`'s interned
/// texts: the ARN's prefix, the resource (ARN, type, name), the role that made them and
/// their lifecycle (an id of the list's lifecycles). A point's row names its shape, so a vault of a
/// thousand resources keeps a few thousand shapes for any number of points.
struct PointShape: Hashable, Sendable {
    var arnPrefix: UInt32
    var resourceArn: UInt32
    var resourceType: UInt32
    /// 0 when absent.
    var resourceName: UInt32
    /// 0 when absent.
    var iamRoleArn: UInt32
    var lifecycle: UInt32
}

/// A list's shapes, each kept once, and for each resource the two it saw last: a resource's points
/// come in one or two shapes (two roles make them), so a point's shape is nearly always found by
/// comparing its texts with those two (`recent`), without hashing them.
struct PointShapes: Sendable {
    private(set) var all: [PointShape] = []
    private var ids: [PointShape: UInt32] = [:]
    /// By resource ARN id: the last two shapes used, as id + 1 (0: none), the newest in the low half.
    private var used: [UInt64] = []

    subscript(id: UInt32) -> PointShape { all[Int(id)] }

    /// The shapes last used for points of `resource`, newest first.
    @inline(__always) func recent(of resource: UInt32) -> (newest: UInt32?, before: UInt32?) {
        let r = Int(resource)
        guard r < used.count else { return (nil, nil) }
        let pair = used[r]
        let newest = UInt32(truncatingIfNeeded: pair)
        let before = UInt32(truncatingIfNeeded: pair >> 32)
        return (newest == 0 ? nil : newest - 1, before == 0 ? nil : before - 1)
    }

    /// The id of `shape`, added when new.
    mutating func intern(_ shape: PointShape) -> UInt32 {
        if let known = ids[shape] { return known }
        let id = UInt32(all.count)
        all.append(shape)
        ids[shape] = id
        return id
    }

    /// Notes that a point of `shape`'s resource took it: it becomes the resource's newest.
    @inline(__always) mutating func use(_ id: UInt32) {
        let r = Int(all[Int(id)].resourceArn)
        if r >= used.count { used += repeatElement(0, count: r + 1 - used.count) }
        let pair = used[r]
        if UInt32(truncatingIfNeeded: pair) == id + 1 { return }
        used[r] = UInt64(id + 1) | (pair & 0xFFFF_FFFF) << 32
    }
}
