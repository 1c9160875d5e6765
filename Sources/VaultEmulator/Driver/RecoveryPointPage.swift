import Foundation
import VaultCore

/// One page of `ListRecoveryPointsByBackupVault` read straight into recovery points, every member
/// the store keeps decoded (unknown members skipped), as a sync reads a thousand of them at a time.
public struct RecoveryPointPage: Sendable {
    public var points: [RecoveryPoint]
    public var nextToken: String?

    /// Reads `body` for the vault `vault` (whose account and region the points take).
    public init(_ body: Data, vault: VaultKey) throws {
        var points: [RecoveryPoint] = []
        var next: String?
        try body.withUnsafeBytes { raw in
            var scanner = JSONScanner(raw.bindMemory(to: UInt8.self))
            try scanner.object { scanner, key in
                switch key {
                case "NextToken": next = scanner.null() ? nil : try scanner.string()
                case "RecoveryPoints":
                    try scanner.array { scanner in points.append(try Self.point(&scanner, vault: vault)) }
                default: try scanner.skipValue()
                }
            }
            try scanner.end()
        }
        self.points = points
        nextToken = next
    }

    static func point(_ scanner: inout JSONScanner, vault: VaultKey) throws -> RecoveryPoint {
        var point = RecoveryPoint(
            arn: "", vaultName: vault.name, accountId: vault.accountId, region: vault.region, resourceArn: "",
            resourceType: "", creationDate: Date(timeIntervalSince1970: 0))
        try scanner.object { scanner, key in
            if scanner.null() { return }
            switch key {
            case "RecoveryPointArn": point.arn = try scanner.string()
            case "ResourceArn": point.resourceArn = try scanner.string()
            case "ResourceType": point.resourceType = try scanner.string()
            case "ResourceName": point.resourceName = try scanner.string()
            case "IamRoleArn": point.iamRoleArn = try scanner.string()
            case "Status": point.status = RecoveryPoint.Status(rawValue: try scanner.string()) ?? .completed
            case "StorageClass": point.storageClass = RecoveryPoint.StorageClass(rawValue: try scanner.string()) ?? .warm
            case "CreationDate": point.creationDate = Date(timeIntervalSince1970: try scanner.number())
            case "CompletionDate": point.completionDate = Date(timeIntervalSince1970: try scanner.number())
            case "BackupSizeInBytes": point.sizeBytes = try scanner.integer()
            case "IsEncrypted": point.isEncrypted = try scanner.bool()
            case "Lifecycle":
                try scanner.object { scanner, member in
                    switch member {
                    case "DeleteAfterDays": point.lifecycle.deleteAfterDays = Int(try scanner.integer())
                    case "MoveToColdStorageAfterDays":
                        point.lifecycle.moveToColdStorageAfterDays = Int(try scanner.integer())
                    default: try scanner.skipValue()
                    }
                }
            default: try scanner.skipValue()
            }
        }
        guard !point.arn.isEmpty else { throw JSONScanner.Failure(offset: scanner.at, what: "a recovery point without RecoveryPointArn") }
        return point
    }
}
