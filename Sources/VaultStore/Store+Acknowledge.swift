import VaultCore

extension Store {
    /// Records `ack` unless its alert is already acknowledged: the decision is made under the
    /// exclusive lock of `acks.jsonl`, so of any number of processes acknowledging one alert at
    /// once exactly one records it and every other is told whose acknowledgement stands.
    ///
    /// Like `append`, a torn last line is set aside first (said by `takeNotes()`), the line is
    /// chained and flushed to disk before this returns, and a line from a newer schema in the
    /// file stops it before anything is written. With a digest signer, a digest covering the
    /// acknowledgement is signed once it is recorded; an acknowledgement no digest could cover
    /// (the store changed under its digests, or a line since the newest one breaks the chain) is
    /// refused with `StoreError.notAsVouched` before anything is written.
    public func acknowledge(_ ack: Acknowledgement) throws -> AcknowledgementOutcome {
        let data = try RecordEncoder().data(of: .acknowledgement(ack))
        // Recorded only when a digest can vouch for it: the store still holds what the newest
        // digest vouches for, and what came since forms an unbroken chain from it.
        return try takingWritersTurn {
            try requireVouched()
            try requireCoverable()
            if let earlier = try acknowledgeUnlessAcknowledged(ack, data: data) { return .alreadyAcknowledged(earlier) }
            signDigest(after: .acknowledgement)
            return .recorded(ack)
        }
    }

    /// The acknowledgement that stands if there is one, else nil once `ack` is appended.
    private func acknowledgeUnlessAcknowledged(_ ack: Acknowledgement, data: [UInt8]) throws(StoreError) -> Acknowledgement? {
        let handle = try openForAppend(.acks)
        if let earlier = try acknowledgements.existing(of: ack.alertId, in: handle, root: root) { return earlier }
        try append([(.acknowledgement, data)], to: .acks, through: handle)
        acknowledgements.recorded(ack, fileSize: try handle.status().size)
        return nil
        // Closing the file releases the lock.
    }
}
