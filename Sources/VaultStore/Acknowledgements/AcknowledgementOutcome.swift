import VaultCore

/// What `Store.acknowledge` did: an alert is acknowledged exactly once, by whoever got there first.
public enum AcknowledgementOutcome: Sendable, Equatable {
    /// This acknowledgement is on the record, flushed to disk: the alert's one acknowledgement.
    case recorded(Acknowledgement)
    /// Someone had already acknowledged the alert (this is theirs); nothing was written.
    case alreadyAcknowledged(Acknowledgement)
}
