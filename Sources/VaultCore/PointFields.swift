import Foundation

/// A recovery point whose texts are UTF-8 bytes borrowed from a loader's buffer, valid for the
/// duration of one `PointList.upsert(_:)`: a loader that parses store lines itself hands points
/// over this way, so no `String` is made for a text the list already holds. The vault is the
/// list's own, so a point's fields do not name it.
public struct PointFields {
    public var arn: UnsafeRawBufferPointer
    public var resourceArn: UnsafeRawBufferPointer
    public var resourceType: UnsafeRawBufferPointer
    public var resourceName: UnsafeRawBufferPointer?
    public var iamRoleArn: UnsafeRawBufferPointer?
    public var status: RecoveryPoint.Status
    public var creationDate: Date
    public var completionDate: Date?
    public var sizeBytes: Int64
    public var lifecycle: Lifecycle
    public var storageClass: RecoveryPoint.StorageClass
    public var isEncrypted: Bool

    /// Inlinable: a loader makes one per line, and a call would copy the whole struct out.
    @inlinable public init(
        arn: UnsafeRawBufferPointer, resourceArn: UnsafeRawBufferPointer,
        resourceType: UnsafeRawBufferPointer, resourceName: UnsafeRawBufferPointer?,
        iamRoleArn: UnsafeRawBufferPointer?, status: RecoveryPoint.Status, creationDate: Date,
        completionDate: Date?, sizeBytes: Int64, lifecycle: Lifecycle, storageClass: RecoveryPoint.StorageClass,
        isEncrypted: Bool
    ) {
        self.arn = arn
        self.resourceArn = resourceArn
        self.resourceType = resourceType
        self.resourceName = resourceName
        self.iamRoleArn = iamRoleArn
        self.status = status
        self.creationDate = creationDate
        self.completionDate = completionDate
        self.sizeBytes = sizeBytes
        self.lifecycle = lifecycle
        self.storageClass = storageClass
        self.isEncrypted = isEncrypted
    }

    /// The fields of `point`, for `body` to use while it runs.
    public static func with<R>(_ point: RecoveryPoint, _ body: (PointFields) throws -> R) rethrows -> R {
        var arn = point.arn, resource = point.resourceArn, type = point.resourceType
        var name = point.resourceName ?? "", role = point.iamRoleArn ?? ""
        return try arn.withUTF8 { arn in
            try resource.withUTF8 { resource in
                try type.withUTF8 { type in
                    try name.withUTF8 { name in
                        try role.withUTF8 { role in
                            try body(
                                PointFields(
                                    arn: UnsafeRawBufferPointer(arn), resourceArn: UnsafeRawBufferPointer(resource),
                                    resourceType: UnsafeRawBufferPointer(type),
                                    resourceName: point.resourceName == nil ? nil : UnsafeRawBufferPointer(name),
                                    iamRoleArn: point.iamRoleArn == nil ? nil : UnsafeRawBufferPointer(role),
                                    status: point.status, creationDate: point.creationDate,
                                    completionDate: point.completionDate, sizeBytes: point.sizeBytes,
                                    lifecycle: point.lifecycle, storageClass: point.storageClass,
                                    isEncrypted: point.isEncrypted))
                        }
                    }
                }
            }
        }
    }
}
