import Foundation

/// A recovery point's lifecycle: when it moves to cold storage and when it is deleted, in days
/// after creation. Absent values mean "never".
public struct Lifecycle: Codable, Hashable, Sendable {
    public var moveToColdStorageAfterDays: Int?
    public var deleteAfterDays: Int?

    @inlinable public init(moveToColdStorageAfterDays: Int? = nil, deleteAfterDays: Int? = nil) {
        self.moveToColdStorageAfterDays = moveToColdStorageAfterDays
        self.deleteAfterDays = deleteAfterDays
    }

    /// AWS Backup keeps a point in cold storage for at least 90 days.
    public static let minimumColdStorageDays = 90

    /// "35 days", "kept forever".
    public var retentionText: String {
        deleteAfterDays.map { $0 == 1 ? "1 day" : "\($0) days" } ?? "kept forever"
    }
}
