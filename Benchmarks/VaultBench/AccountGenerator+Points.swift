import Foundation
import VaultCore

extension AccountGenerator {
    /// Member accounts whose resources are backed up into the central account.
    static let memberAccounts = [
        "444455556666", "555566667777", "210987654321", "123456789012", "998877665544", "135792468024",
        "246813579135", "314159265358", "271828182845", "161803398874", "112358132134", "192837465564",
    ]

    /// Each resource has about this many daily points in its vault.
    static let pointsPerResource = 30

    struct Resource {
        var arn: String
        var type: String
        var name: String
        var sizeBytes: Int64
        /// Seconds after midnight its daily backup starts.
        var window: Int
    }

    /// Resource `r` of vault `v`: the same ARN for every point of it.
    func resource(vault v: Int, index r: Int) -> Resource {
        var rng = random(.resource, v << 32 | r)
        let account = rng.pick(Self.memberAccounts)
        let region = rng.chance(0.8) ? Self.region : "eu-central-1"
        let app =
            "\(Self.teams[v % Self.teams.count])-\(rng.pick(["api", "web", "worker", "db", "cache", "etl", "reports"]))"
        let window = 3_600 * rng.below(5)
        switch rng.pick(weighted: [("EC2", 35), ("RDS", 20), ("EFS", 15), ("DynamoDB", 15), ("S3", 15)]) {
        case "EC2":
            return Resource(
                arn: "arn:aws:ec2:\(region):\(account):instance/i-\(rng.hex(17))", type: "EC2", name: "\(app)-\(r)",
                sizeBytes: Int64(8 + rng.below(500)) << 30, window: window)
        case "RDS":
            let name = "\(app)-\(r)"
            return Resource(
                arn: "arn:aws:rds:\(region):\(account):db:\(name)", type: "RDS", name: name,
                sizeBytes: Int64(20 + rng.below(2_000)) << 30, window: window)
        case "EFS":
            return Resource(
                arn: "arn:aws:elasticfilesystem:\(region):\(account):file-system/fs-\(rng.hex(17))", type: "EFS",
                name: "\(app)-share-\(r)", sizeBytes: Int64(1 + rng.below(4_000)) << 28, window: window)
        case "DynamoDB":
            let name = "\(app)-table-\(r)"
            return Resource(
                arn: "arn:aws:dynamodb:\(region):\(account):table/\(name)", type: "DynamoDB", name: name,
                sizeBytes: Int64(1 + rng.below(100_000)) << 20, window: window)
        default:
            let name = "\(app)-\(account)-\(r)"
            return Resource(
                arn: "arn:aws:s3:::\(name)", type: "S3", name: name, sizeBytes: Int64(1 + rng.below(50_000)) << 24,
                window: window)
        }
    }

    /// Recovery point `i`: points are dealt to the vaults in turn; within a vault, to its
    /// resources in turn, one day further back each round.
    public func point(at i: Int) -> RecoveryPoint {
        let v = i % spec.vaults
        let j = i / spec.vaults
        let resources = max(1, spec.pointCount(inVault: v) / Self.pointsPerResource)
        let resource = resource(vault: v, index: j % resources)
        let daysBack = j / resources
        var rng = random(.point, i)
        let creation = Self.epoch.addingTimeInterval(
            -86_400 * Double(daysBack) - 86_400 + Double(resource.window + rng.below(1_800)))
        let lifecycle = plan(ofVault: v)
        let status = rng.pick(weighted: [(RecoveryPoint.Status.completed, 985), (.partial, 10), (.expired, 5)])
        let cold = lifecycle.moveToColdStorageAfterDays.map { daysBack >= $0 } ?? false
        return RecoveryPoint(
            arn: "arn:aws:backup:\(Self.region):\(Self.account):recovery-point:\(rng.uuid())",
            vaultName: vaultName(v), resourceArn: resource.arn, resourceType: resource.type,
            resourceName: resource.name, status: status, creationDate: creation,
            completionDate: creation.addingTimeInterval(Double(120 + rng.below(7_200))),
            sizeBytes: resource.sizeBytes + Int64(rng.below(1 << 26)), lifecycle: lifecycle,
            storageClass: cold ? .cold : .warm, isEncrypted: rng.chance(0.97),
            iamRoleArn: rng.chance(0.8)
                ? "arn:aws:iam::\(Self.account):role/service-role/AWSBackupDefaultServiceRole"
                : "arn:aws:iam::\(Self.account):role/BackupCopyRole")
    }
}
