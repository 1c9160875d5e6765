import VaultCore

/// A resource AWS Backup can protect: what a backup job reads and a recovery point describes.
public struct ProtectedResource: Codable, Equatable, Sendable {
    public var arn: String
    /// `EC2`, `RDS`, `Aurora`, `EFS`, `DynamoDB`, `S3`, `EBS`.
    public var type: String
    /// The resource's name (its `Name` tag, table or bucket name); may be any Unicode text.
    public var name: String
    /// A typical full backup of it.
    public var sizeBytes: Int64

    public init(arn: String, type: String, name: String, sizeBytes: Int64) {
        self.arn = arn
        self.type = type
        self.name = name
        self.sizeBytes = sizeBytes
    }

    /// A resource known only by its ARN: its type read from the ARN, its name the ARN's last
    /// segment. Nil when the ARN names nothing AWS Backup protects.
    public init?(inferringFrom arn: String) {
        guard let parsed = ARN(arn), let type = ProtectedResource.type(of: parsed) else { return nil }
        self.init(arn: arn, type: type, name: parsed.shortName, sizeBytes: 8 << 30)
    }

    /// The account the resource lives in (empty for S3 bucket ARNs, which carry none).
    public var account: String? { ARN(arn)?.account }

    static func type(of arn: ARN) -> String? {
        let r = arn.resource
        switch arn.service {
        case "ec2" where r.hasPrefix("instance/"): return "EC2"
        case "ec2" where r.hasPrefix("volume/"): return "EBS"
        case "rds" where r.hasPrefix("db:"): return "RDS"
        case "rds" where r.hasPrefix("cluster:"): return "Aurora"
        case "elasticfilesystem" where r.hasPrefix("file-system/"): return "EFS"
        case "dynamodb" where r.hasPrefix("table/"): return "DynamoDB"
        case "s3": return "S3"
        default: return nil
        }
    }
}
