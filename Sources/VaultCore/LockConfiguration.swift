import Foundation

/// A vault's Vault Lock settings, as `DescribeBackupVault` reports them.
/// `lockDate` is absent in governance mode (no ChangeableForDays was given).
public struct LockConfiguration: Codable, Equatable, Sendable {
    public var minRetentionDays: Int?
    public var maxRetentionDays: Int?
    public var lockDate: Date?

    public init(minRetentionDays: Int? = nil, maxRetentionDays: Int? = nil, lockDate: Date? = nil) {
        self.minRetentionDays = minRetentionDays
        self.maxRetentionDays = maxRetentionDays
        self.lockDate = lockDate
    }

    /// `ChangeableForDays` must be at least 3 (AWS's 72-hour cooling-off) and at most 36,500.
    public static let changeableForDaysRange = 3...36_500
    /// Retention bounds accepted by PutBackupVaultLockConfiguration.
    public static let retentionDaysRange = 1...36_500

    /// What PutBackupVaultLockConfiguration stores for a call made at `now`: the lock date is
    /// `changeableForDays` whole days after the call.
    public static func requested(
        minRetentionDays: Int?, maxRetentionDays: Int?, changeableForDays: Int?, at now: Date
    ) -> LockConfiguration {
        LockConfiguration(
            minRetentionDays: minRetentionDays, maxRetentionDays: maxRetentionDays,
            lockDate: changeableForDays.map { now.addingTimeInterval(TimeInterval($0) * 86_400) })
    }

    /// "7–30 days", "at least 5 days", "at most 30 days", "any retention".
    public var retentionWindow: String {
        switch (minRetentionDays, maxRetentionDays) {
        case let (min?, max?): return "\(min)–\(max) days"
        case let (min?, nil): return "at least \(min) days"
        case let (nil, max?): return "at most \(max) days"
        case (nil, nil): return "any retention"
        }
    }
}
