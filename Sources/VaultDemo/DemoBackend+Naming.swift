import Foundation
import VaultCore

extension DemoBackend {
    /// A job id as AWS Backup shows it: an uppercase UUID.
    func newJobId(_ kind: String, key: String, _ parts: String...) -> String {
        DemoIds.uuid([kind, accountId, key] + parts).uppercased()
    }

    /// The ARN of a new recovery point, shaped as AWS Backup names them per resource type:
    /// an AMI for EC2, an `awsbackup:` snapshot for RDS and Aurora, a backup recovery point
    /// otherwise. Never one a vault already holds.
    func newRecoveryPointArn(for resource: ProtectedResource, kind: JobKind, key: String) -> String {
        var salt = 0
        while true {
            let parts = ["recovery-point", accountId, key, resource.arn, String(salt)]
            let arn: String
            switch resource.type {
            case "EC2":
                arn = "arn:aws:ec2:\(region)::image/ami-0\(DemoIds.hexDigits(16, parts))"
            case "RDS":
                let job = kind == .copy ? "copyjob" : "job"
                arn = "arn:aws:rds:\(region):\(accountId):snapshot:awsbackup:\(job)-\(DemoIds.uuid(parts))"
            case "Aurora":
                let job = kind == .copy ? "copyjob" : "job"
                arn = "arn:aws:rds:\(region):\(accountId):cluster-snapshot:awsbackup:\(job)-\(DemoIds.uuid(parts))"
            default:
                arn = "arn:aws:backup:\(region):\(accountId):recovery-point:\(DemoIds.uuid(parts).uppercased())"
            }
            if vaultName(holding: arn) == nil { return arn }
            salt += 1
        }
    }

    /// The size of one backup of `resource` at `now`: its usual size, give or take 3 %.
    func backupSize(of resource: ProtectedResource, at now: Date) -> Int64 {
        let noise = DemoIds.unit(["size", resource.arn, DemoIds.millis(now)])
        return Int64(Double(resource.sizeBytes) * (0.97 + 0.06 * noise))
    }
}
