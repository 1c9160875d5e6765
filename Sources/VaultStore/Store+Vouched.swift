extension Store {
    /// Throws `StoreError.notAsVouched` when the store no longer holds what its newest digest
    /// vouches for (see `DigestHold`): a writer calls it before it appends to a chained file, so
    /// nothing is recorded on top of acknowledgements taken away, an alert edited, a digest
    /// forged or a signing key replaced. With a signer, chained files holding lines that no
    /// digest vouches for at all (the digests taken away) stop it too.
    func requireVouched() throws(StoreError) {
        // The digest file must take the digest that will cover what is written (its own file, the
        // user's, a regular file) before anything is written.
        if signer != nil, let digests = try OpenFile.open(StoreFile.digests.relativePath, in: root, for: .read) {
            if let repair = try digests.claim(try digests.status(), as: StoreFile.digests.relativePath) { note(repair) }
        }
        guard let fault = try DigestHold.fault(in: root, key: signer?.publicKey, requireDigest: signer != nil, head: signedHead())
        else { return }
        throw .notAsVouched(path: root.path(of: fault.file), reason: fault.reason, store: root.path)
    }

    /// What of the store no longer holds as its newest digest vouches for, changing nothing: for
    /// a reader, which shows what it finds but says that lines a digest vouched for are missing
    /// or changed (acknowledgements taken away would otherwise just show their alerts as new),
    /// and that chained lines with no digest at all are vouched for by nothing (the digests, and
    /// what they vouched for, may have been taken away together).
    /// `heads`, for a reader without a signer, is where the signing key keeps the newest digest it
    /// signed for each store: the store must still hold it.
    public func vouchedProblems(heads: DigestHeads? = nil) -> [StoreProblem] {
        let head = heads.map { $0.head(for: root.path) } ?? signedHead()
        do {
            guard let fault = try DigestHold.fault(in: root, key: signer?.publicKey, requireDigest: true, head: head) else { return [] }
            return [
                StoreProblem(
                    .digest, file: fault.file.relativePath, line: nil,
                    message: "\(fault.reason): what is shown may lack or misstate what was recorded"
                        + " (`vaultwatch store verify` says more)")
            ]
        } catch {
            return [StoreProblem(.digest, file: StoreFile.digests.relativePath, line: nil, message: "the digests could not be checked: \(error)")]
        }
    }

    /// The newest digest this machine signed for the store, as kept beside the signing key.
    func signedHead() -> DigestHead? { signer?.heads?.head(for: root.path) }

    /// Why the store no longer holds the digest this machine last signed for it (as `heads`
    /// keeps it beside the signing key), or nil: for `store verify`, which has no signer. Reads only.
    public func signedHeadProblem(in heads: DigestHeads) -> String? {
        guard let head = heads.head(for: root.path) else { return nil }
        do {
            return try DigestHold.missing(head, in: root)
        } catch {
            return "the digest this machine last signed for the store could not be looked for: \(error)"
        }
    }
}
