import Foundation
import VaultCore
import VaultDemo

/// The account the endpoint figure serves: `points` recovery points spread over `vaults` vaults of
/// the demo account, made straight into a backend (no store), the same for a given seed.
enum EndpointAccount {
    static func backend(points: Int, vaults: Int, seed: UInt64) -> DemoBackend {
        let account = DemoAccount.accountId
        let region = DemoAccount.region
        let created = Date(timeIntervalSince1970: 1_796_000_000)
        var entries: [DemoBackendSnapshot.VaultEntry] = []
        var generator = SplitMix(seed)
        for v in 0..<vaults {
            let name = "bench-vault-\(v)"
            let vault = Vault(
                name: name, arn: "arn:aws:backup:\(region):\(account):backup-vault:\(name)", accountId: account,
                region: region, creationDate: created, encryptionKeyType: .awsOwned)
            let count = points / vaults + (v < points % vaults ? 1 : 0)
            var list: [RecoveryPoint] = []
            list.reserveCapacity(count)
            for i in 0..<count {
                let resource = generator.next() % 2_000
                list.append(
                    RecoveryPoint(
                        arn: "arn:aws:backup:\(region):\(account):recovery-point:\(v)-\(i)-\(generator.next() % 1_000_000)",
                        vaultName: name, accountId: account, region: region,
                        resourceArn: "arn:aws:ec2:\(region):\(account):volume/vol-\(String(resource, radix: 16))",
                        resourceType: "EBS", resourceName: "volume \(resource)", status: .completed,
                        creationDate: created + Double(i) * 60, completionDate: created + Double(i) * 60 + 300,
                        sizeBytes: Int64(generator.next() % (64 << 30)), lifecycle: Lifecycle(deleteAfterDays: 35),
                        iamRoleArn: "arn:aws:iam::\(account):role/service-role/AWSBackupDefaultServiceRole"))
            }
            entries.append(
                DemoBackendSnapshot.VaultEntry(
                    vault: vault, creatorRequestId: nil, accessPolicy: nil, notificationTopicArn: nil,
                    notificationEvents: [], points: list))
        }
        return DemoBackend(
            restoring: DemoBackendSnapshot(
                accountId: account, region: region, vaults: entries, resources: [], jobs: [], pendingJobIds: [],
                jobsByToken: [:], plans: [], keyInstant: nil, keyOrdinal: 0),
            guardrail: .none)
    }

    struct SplitMix {
        var state: UInt64
        init(_ seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
