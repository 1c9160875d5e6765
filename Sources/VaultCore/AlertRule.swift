/// What raises an alert: a sensitive action on a watched vault by anyone but the vault admins.
/// With an EventBridge `pattern` (the very pattern deployed in AWS), the pattern alone decides,
/// matched against the call as EventBridge delivers it; without one, the action and admin lists do.
public struct AlertRule: Sendable {
    public var name: String
    public var sensitiveActions: [String]
    /// Role ARNs (session issuers), user ARNs or root ARNs allowed to manage the vaults.
    public var adminArns: [String]
    /// Vault names watched; nil watches every vault.
    public var vaultNames: [String]?
    /// An EventBridge event pattern that decides instead of the lists above.
    public var pattern: EventPattern?
    /// A rule read from `aws events describe-rule` can be `DISABLED`: it then raises nothing.
    public var isEnabled: Bool
    /// Where the deployed rule sends its events (ARNs); nil when not known, e.g. a bare pattern.
    public var targets: [String]?

    public init(
        name: String, sensitiveActions: [String], adminArns: [String], vaultNames: [String]? = nil,
        pattern: EventPattern? = nil, isEnabled: Bool = true, targets: [String]? = nil
    ) {
        self.name = name
        self.sensitiveActions = sensitiveActions
        self.adminArns = adminArns
        self.vaultNames = vaultNames
        self.pattern = pattern
        self.isEnabled = isEnabled
        self.targets = targets
    }

    /// The actions the seeds' EventBridge rule and SCP cover.
    public static let seedSensitiveActions = [
        "DeleteBackupVault", "DeleteBackupVaultAccessPolicy", "DeleteBackupVaultLockConfiguration",
        "DeleteRecoveryPoint", "PutBackupVaultAccessPolicy", "PutBackupVaultLockConfiguration",
        "UpdateRecoveryPointLifecycle", "StartCopyJob", "StartRestoreJob",
        "DeleteBackupVaultNotifications", "PutBackupVaultNotifications",
    ]

    /// Not the seeds' rule name: this rule also alerts on root and IAM users, which the seeds'
    /// does not, and a verdict about it must not pass for one about the deployed rule.
    public static let defaultName = "vaultwatch-default (seeds' rule + root and IAM users)"

    /// The seeds' rule for a central backup account, as the seeds' EventBridge pattern: sensitive
    /// AWS Backup calls whose session issuer is anything but the vault admin and the StackSet
    /// execution role.
    public static func seed(account: String) -> AlertRule {
        let admins = [
            "arn:aws:iam::\(account):role/BackupVaultAdmin",
            "arn:aws:iam::\(account):role/AWSCloudFormationStackSetExecutionRole",
        ]
        return AlertRule(
            name: defaultName, sensitiveActions: seedSensitiveActions, adminArns: admins,
            pattern: defaultPattern(admins: admins))
    }

    /// The seeds' pattern with its blind spot closed. The seeds match `sessionIssuer.arn`
    /// anything-but the admins, and `anything-but` never matches a missing field: root and IAM
    /// users have no session issuer, so the deployed rule stays silent when they try. This
    /// pattern also matches every identity that is not an assumed role.
    public static func defaultPattern(admins: [String]) -> EventPattern {
        let pattern: JSONValue = .object([
            "source": .array([.string("aws.backup")]),
            "detail-type": .array([.string("AWS API Call via CloudTrail")]),
            "detail": .object([
                "eventSource": .array([.string("backup.amazonaws.com")]),
                "eventName": .array(seedSensitiveActions.map(JSONValue.string)),
                "$or": .array([
                    .object([
                        "userIdentity": .object([
                            "sessionContext": .object([
                                "sessionIssuer": .object([
                                    "arn": .array([.object(["anything-but": .array(admins.map(JSONValue.string))])])
                                ])
                            ])
                        ])
                    ]),
                    .object([
                        "userIdentity": .object([
                            "type": .array([.object(["anything-but": .array([.string("AssumedRole")])])])
                        ])
                    ]),
                ]),
            ]),
        ])
        do {
            return try EventPattern(pattern)
        } catch {
            preconditionFailure("the default alert pattern is valid: \(error)")
        }
    }

    /// Where an event holds the call's action.
    private static let actionPath = ["detail", "eventName"]

    public func isAdmin(_ principal: Principal) -> Bool { adminArns.contains(principal.judgedArn) }

    /// The alert `call` raises, or nil when it is not a sensitive action by a non-admin.
    public func evaluate(_ call: ApiCall) -> Alert? {
        guard isEnabled else { return nil }
        if let vaults = vaultNames {
            guard let vault = call.vaultName, vaults.contains(vault) else { return nil }
        }
        if let pattern {
            // Building a call's event costs more than matching it: most calls are refused by
            // their action alone (the event's `detail.eventName`), before it is built.
            guard !pattern.excludes(.string(call.action), at: Self.actionPath) else { return nil }
            return pattern.matches(call.eventBridgeEvent) ? Alert(raisedBy: name, for: call) : nil
        }
        guard sensitiveActions.contains(call.action), !isAdmin(call.principal) else { return nil }
        return Alert(raisedBy: name, for: call)
    }
}

extension [AlertRule] {
    /// The alert the first rule that matches raises: one alert per call, however many rules match.
    public func alert(for call: ApiCall) -> Alert? {
        for rule in self {
            if let alert = rule.evaluate(call) { return alert }
        }
        return nil
    }
}
