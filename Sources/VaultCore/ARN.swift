/// The parts of an Amazon Resource Name: `arn:partition:service:region:account:resource`.
public struct ARN: Equatable, Sendable {
    public let partition: String
    public let service: String
    public let region: String
    public let account: String
    public let resource: String

    public init?(_ text: String) {
        let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn" else { return nil }
        partition = String(parts[1])
        service = String(parts[2])
        region = String(parts[3])
        account = String(parts[4])
        resource = String(parts[5])
    }

    /// The last path segment of the resource: `role/DevOps` → `DevOps`, `db:orders` → `orders`.
    public var shortName: String {
        let tail = resource.split(whereSeparator: { $0 == "/" || $0 == ":" }).last
        return tail.map(String.init) ?? resource
    }
}
