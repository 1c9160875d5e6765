import ArgumentParser

/// Where a dashboard or `vaultwatch sync` takes its records from.
enum SourceKind: String, ExpressibleByArgument, CaseIterable {
    /// The AWS account of the profile (and the accounts and feeds of the config file).
    case aws
    /// The embedded, simulated central backup account.
    case demo
    /// Nothing: only follow what other processes (a `vaultwatch sync`) write to the store.
    case none
}
