/// A customer managed KMS key of the demo account, as KMS names it: its ARN and its alias.
public struct DemoKey: Equatable, Sendable {
    public let arn: String
    public let alias: String

    public init(arn: String, alias: String) {
        self.arn = arn
        self.alias = alias
    }
}

extension DemoAccount {
    /// The keys the demo's vaults are encrypted with (the others use AWS owned keys).
    public static var customerManagedKeys: [DemoKey] {
        DemoVaultSetup.all.compactMap { setup in
            guard let arn = setup.keyArn, let alias = setup.keyAlias else { return nil }
            return DemoKey(arn: arn, alias: alias)
        }
    }
}
