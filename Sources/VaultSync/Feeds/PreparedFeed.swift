import VaultCore
import VaultStore

/// A feed whose naming was checked (`FeedBuilder.prepare`), waiting for the store it will set
/// messages aside in: making its source cannot fail.
public struct PreparedFeed: Sendable {
    private let make: @Sendable (Store, any Clock) -> any Source

    init(_ make: @escaping @Sendable (Store, any Clock) -> any Source) {
        self.make = make
    }

    /// The feed's source, reading `clock`; `store` keeps what an SQS feed sets aside.
    public func source(store: Store, clock: any Clock) -> any Source {
        make(store, clock)
    }
}
