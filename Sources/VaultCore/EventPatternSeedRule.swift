extension EventPattern {
    /// The seeds' EventBridge rule (shared/docs/aws-backup-facts.md): AWS Backup management calls delivered via
    /// CloudTrail whose `eventName` is a sensitive action and whose session issuer is not one of `admins`.
    /// With no admins, any session issuer matches (the field must still be present).
    public static func seedRule(admins: [String]) -> EventPattern {
        let issuer: JSONValue =
            admins.isEmpty
            ? .object(["exists": .bool(true)])
            : .object(["anything-but": .array(admins.map(JSONValue.string))])
        let pattern: JSONValue = .object([
            "source": .array([.string("aws.backup")]),
            "detail-type": .array([.string("AWS API Call via CloudTrail")]),
            "detail": .object([
                "eventSource": .array([.string("backup.amazonaws.com")]),
                "eventName": .array(AlertRule.seedSensitiveActions.map(JSONValue.string)),
                "userIdentity": .object([
                    "sessionContext": .object(["sessionIssuer": .object(["arn": .array([issuer])])])
                ]),
            ]),
        ])
        do {
            return try EventPattern(pattern)
        } catch {
            preconditionFailure("the seed rule is a valid pattern: \(error)")
        }
    }
}
