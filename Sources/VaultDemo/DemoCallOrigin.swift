/// Where a call came from, as CloudTrail records it next to the principal: `sourceIPAddress`
/// and `userAgent`. Addresses are from the documentation ranges (RFC 5737).
public struct CallOrigin: Equatable, Sendable {
    public var sourceIPAddress: String
    public var userAgent: String

    public init(sourceIPAddress: String, userAgent: String) {
        self.sourceIPAddress = sourceIPAddress
        self.userAgent = userAgent
    }

    /// The AWS CLI on an operator's workstation.
    public static let cli = CallOrigin(
        sourceIPAddress: "198.51.100.24", userAgent: "aws-cli/2.15.0 Python/3.11.6 Linux/6.1.0 exe/x86_64.debian.12")

    /// The AWS Backup console in a browser.
    public static let console = CallOrigin(
        sourceIPAddress: "198.51.100.31",
        userAgent: "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0")

    /// AWS Backup itself, running a backup plan or receiving a copy.
    public static let backupService = CallOrigin(
        sourceIPAddress: "backup.amazonaws.com", userAgent: "backup.amazonaws.com")

    /// CloudFormation StackSets deploying the vault.
    public static let cloudFormation = CallOrigin(
        sourceIPAddress: "cloudformation.amazonaws.com", userAgent: "cloudformation.amazonaws.com")
}
