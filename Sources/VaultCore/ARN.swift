/// The parts of an Amazon Resource Name: `arn:partition:service:region:account:resource`.
public struct ARN: Equatable, Sendable {
    public let partition: String
    public let service: String
    public let region: String
    public let account: String
    public let resource: String

    public init?(_ text: String) {
        guard let cuts = Self.colons(text) else { return nil }
        let u = text.utf8
        partition = String(text[u.index(after: cuts.0)..<cuts.1])
        service = String(text[u.index(after: cuts.1)..<cuts.2])
        region = String(text[u.index(after: cuts.2)..<cuts.3])
        account = String(text[u.index(after: cuts.3)..<cuts.4])
        resource = String(text[u.index(after: cuts.4)...])
    }

    /// The resource part of `text` when it is an ARN, without making the other parts (a listing
    /// of thousands of alerts names each one's principal by it).
    public static func resource(of text: String) -> Substring? {
        colons(text).map { text[text.utf8.index(after: $0.4)...] }
    }

    /// Where the first five `:` of an ARN are (the resource may hold more); nil when `text` does
    /// not begin with `arn:` or has fewer.
    private static func colons(_ text: String) -> (String.Index, String.Index, String.Index, String.Index, String.Index)? {
        let u = text.utf8
        let colon = UInt8(ascii: ":")
        guard text.hasPrefix("arn:"), let c0 = u.firstIndex(of: colon),
            let c1 = u[u.index(after: c0)...].firstIndex(of: colon), let c2 = u[u.index(after: c1)...].firstIndex(of: colon),
            let c3 = u[u.index(after: c2)...].firstIndex(of: colon), let c4 = u[u.index(after: c3)...].firstIndex(of: colon)
        else { return nil }
        return (c0, c1, c2, c3, c4)
    }

    /// The last path segment of the resource: `role/DevOps` → `DevOps`, `db:orders` → `orders`.
    public var shortName: String {
        let tail = resource.split(whereSeparator: { $0 == "/" || $0 == ":" }).last
        return tail.map(String.init) ?? resource
    }
}
