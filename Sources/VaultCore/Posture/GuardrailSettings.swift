import Foundation

/// What the posture checks hold the account to: who the vault admins are, and the floors and
/// windows of AWS Backup Audit Manager's controls. An operator keeps these in
/// `guardrails.json`; every key is optional, and an unknown key is refused (a typo must not
/// silently fall back to a default).
public struct GuardrailSettings: Equatable, Sendable {
    /// Principals allowed to manage the vaults: role ARNs (session issuers), users, or root.
    public var adminArns: [String]
    /// `aws:PrincipalOrgID` of the organization, for the representative non-admin principal.
    public var organizationId: String?
    /// The lock mode a vault must be in.
    public var requiredLockMode: LockMode
    /// MinRetentionDays of a vault's lock must be at least this (Audit Manager's `minRetentionDays`).
    public var minRetentionDays: Int
    /// MaxRetentionDays must be set, and at most this when given.
    public var maxRetentionDays: Int?
    /// A compliance lock still in its grace period with less than this left is flagged.
    public var coolingOffWarningDays: Int
    /// The newest recovery point of each protected resource must be younger than this.
    public var recoveryPointMaxAgeHours: Int
    /// The actions the access policy, the SCPs and the alert rules must cover.
    public var sensitiveActions: [String]
    /// Vaults the checks cover; nil covers every vault.
    public var vaults: [String]?

    public enum LockMode: String, Codable, Sendable { case compliance, governance }

    public init(
        adminArns: [String], organizationId: String? = nil, requiredLockMode: LockMode = .compliance,
        minRetentionDays: Int = 35, maxRetentionDays: Int? = nil, coolingOffWarningDays: Int = 1,
        recoveryPointMaxAgeHours: Int = 24, sensitiveActions: [String] = AlertRule.seedSensitiveActions,
        vaults: [String]? = nil
    ) {
        self.adminArns = adminArns
        self.organizationId = organizationId
        self.requiredLockMode = requiredLockMode
        self.minRetentionDays = minRetentionDays
        self.maxRetentionDays = maxRetentionDays
        self.coolingOffWarningDays = coolingOffWarningDays
        self.recoveryPointMaxAgeHours = recoveryPointMaxAgeHours
        self.sensitiveActions = sensitiveActions
        self.vaults = vaults
    }

    /// The seeds' central backup account: its two admin roles, everything else at the defaults.
    public static func seed(account: String) -> GuardrailSettings {
        GuardrailSettings(adminArns: AlertRule.seed(account: account).adminArns)
    }

    /// Whether the checks cover a vault: `vaults` names it by name (every vault of that name) or
    /// as `ACCOUNT/REGION/NAME`.
    public func covers(vault key: VaultKey) -> Bool {
        vaults.map { $0.contains(key.name) || $0.contains(key.description) } ?? true
    }
}

extension GuardrailSettings: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case adminArns, organizationId, requiredLockMode, minRetentionDays, maxRetentionDays
        case coolingOffWarningDays, recoveryPointMaxAgeHours, sensitiveActions, vaults
    }

    /// Keys absent from the file keep the values of `defaults`.
    public static func decode(_ data: Data, over defaults: GuardrailSettings) throws -> GuardrailSettings {
        guard case .object(let object) = try JSONValue(data: data) else {
            throw GuardrailSettingsError(key: nil, message: "must be a JSON object")
        }
        let known = Set(CodingKeys.allCases.map(\.rawValue))
        if let unknown = object.keys.sorted().first(where: { !known.contains($0) }) {
            throw GuardrailSettingsError(
                key: unknown, message: "is not a setting (known: \(known.sorted().joined(separator: ", ")))")
        }
        let decoder = JSONDecoder()
        decoder.userInfo[.guardrailDefaults] = Box(defaults)
        let settings: GuardrailSettings
        do {
            settings = try decoder.decode(GuardrailSettings.self, from: data)
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.dataCorrupted(context),
            let DecodingError.valueNotFound(_, context)
        {
            throw GuardrailSettingsError(
                key: context.codingPath.first?.stringValue, message: "has the wrong kind of value")
        }
        try settings.validate()
        return settings
    }

    /// Values that would make a check meaningless are refused: a check of zero actions passes
    /// vacuously, a negative window never fails.
    public func validate() throws(GuardrailSettingsError) {
        if minRetentionDays < 1 { throw GuardrailSettingsError(key: "minRetentionDays", message: "must be at least 1") }
        if let max = maxRetentionDays, max < minRetentionDays {
            throw GuardrailSettingsError(key: "maxRetentionDays", message: "must be at least minRetentionDays")
        }
        if coolingOffWarningDays < 0 {
            throw GuardrailSettingsError(key: "coolingOffWarningDays", message: "must not be negative")
        }
        if !(1...744).contains(recoveryPointMaxAgeHours) {
            throw GuardrailSettingsError(
                key: "recoveryPointMaxAgeHours", message: "must be 1 to 744 (31 days), as in AWS Backup Audit Manager")
        }
        if sensitiveActions.isEmpty {
            throw GuardrailSettingsError(key: "sensitiveActions", message: "must name at least one action")
        }
        if let bad = sensitiveActions.first(where: { $0.isEmpty || $0.contains(":") || $0.contains("*") }) {
            throw GuardrailSettingsError(
                key: "sensitiveActions", message: "lists \"\(bad)\": give AWS Backup action names, e.g. DeleteRecoveryPoint")
        }
        if vaults?.isEmpty == true { throw GuardrailSettingsError(key: "vaults", message: "must name at least one vault") }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = (decoder.userInfo[.guardrailDefaults] as? Box)?.settings ?? GuardrailSettings(adminArns: [])
        adminArns = try c.decodeIfPresent([String].self, forKey: .adminArns) ?? d.adminArns
        organizationId = try c.decodeIfPresent(String.self, forKey: .organizationId) ?? d.organizationId
        requiredLockMode = try c.decodeIfPresent(LockMode.self, forKey: .requiredLockMode) ?? d.requiredLockMode
        minRetentionDays = try c.decodeIfPresent(Int.self, forKey: .minRetentionDays) ?? d.minRetentionDays
        maxRetentionDays = try c.decodeIfPresent(Int.self, forKey: .maxRetentionDays) ?? d.maxRetentionDays
        coolingOffWarningDays =
            try c.decodeIfPresent(Int.self, forKey: .coolingOffWarningDays) ?? d.coolingOffWarningDays
        recoveryPointMaxAgeHours =
            try c.decodeIfPresent(Int.self, forKey: .recoveryPointMaxAgeHours) ?? d.recoveryPointMaxAgeHours
        // `backup:DeleteRecoveryPoint`, as IAM writes it, or the bare API name.
        sensitiveActions =
            try c.decodeIfPresent([String].self, forKey: .sensitiveActions)?.map {
                $0.lowercased().hasPrefix("backup:") ? String($0.dropFirst("backup:".count)) : $0
            } ?? d.sensitiveActions
        vaults = try c.decodeIfPresent([String].self, forKey: .vaults) ?? d.vaults
    }

    private final class Box: Sendable {
        let settings: GuardrailSettings
        init(_ settings: GuardrailSettings) { self.settings = settings }
    }
}

extension CodingUserInfoKey {
    fileprivate static let guardrailDefaults = CodingUserInfoKey(rawValue: "guardrailDefaults")!
}

public struct GuardrailSettingsError: Error, CustomStringConvertible, Equatable {
    public var key: String?
    public var message: String
    public var description: String { key.map { "\"\($0)\" \(message)" } ?? message }
}
