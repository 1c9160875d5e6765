import AWSClient

/// The commented first configuration `vaultwatch config init` writes.
enum ConfigTemplate {
    /// What AWS answered goes into the file only as what it should be: an organization id as
    /// Organizations writes one (`o-` and 10 to 32 lower-case letters or digits), the caller's ARN
    /// and account in comments made inert (a line break in it would start a line of configuration).
    static func isOrganizationId(_ id: String) -> Bool {
        let body = id.utf8.dropFirst(2)
        return id.hasPrefix("o-") && (10...32).contains(body.count)
            && body.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) }
    }

    static func text(profile: String?, region: String?, identity: CallerIdentity, organizationLine: String) -> String {
        let arn = OutsideText.inert(identity.arn)
        let account = OutsideText.inert(identity.account)
        return """
        # vaultwatch configuration. `vaultwatch config check` validates it and names the line of any error.
        # Written by `vaultwatch config init` for account \(account), read as \(arn).

        # The accounts and regions to watch, each an AWS CLI profile (as `aws --profile NAME` reaches it).
        [[account]]
        \(profile.map { "profile = \"\($0)\"" } ?? "# profile = \"…\"  (none: the AWS CLI's default chain, here the environment's keys)")
        regions = [\(region.map { "\"\($0)\"" } ?? "")]
        # Organizations may only be walked by the management account or a delegated administrator:
        # name such a profile to have the SCPs read level by level.
        # organizations_profile = "org-management-readonly"

        [polling]
        interval_seconds = 60      # between polls of each account
        reconcile_minutes = 15     # between whole reads (every point, the policies, the organization)

        [alerts]
        event_buses = ["default"]  # whose EventBridge rules are judged
        # sqs_queue_urls = ["https://sqs.\(region ?? "us-east-1").amazonaws.com/\(account)/central-backup-alerts"]
        # cloudtrail = true
        # events_files = ["/var/log/backup-events.jsonl"]

        [guardrails]
        # The roles allowed to manage the vaults: everyone else is "outside" for the checks.
        # admin_arns = ["arn:aws:iam::\(account):role/BackupVaultAdmin"]
        \(organizationLine)
        required_lock_mode = "compliance"
        min_retention_days = 35
        # max_retention_days = 3650
        cooling_off_warning_days = 1
        recovery_point_max_age_hours = 24

        """
    }
}
