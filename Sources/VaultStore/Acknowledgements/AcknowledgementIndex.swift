import Synchronization
import VaultCore

/// Which alerts `acks.jsonl` already acknowledges, and by whom first: read once, then only what
/// was appended since (by this process or any other), keyed to the file's identity and the
/// bytes read. Only consulted under the file's exclusive lock, so what it answers is what the
/// file holds at that moment.
final class AcknowledgementIndex: Sendable {
    private struct Seen {
        var device: UInt64 = 0
        var inode: UInt64 = 0
        var size = 0
        /// The first acknowledgement of each alert, by alert id.
        var first: [String: Acknowledgement] = [:]
    }

    private let seen = Mutex(Seen())

    /// The acknowledgement `alertId` already has in the file `handle` holds locked (its end a
    /// whole line: the caller has set aside any torn tail). A line from a newer schema throws.
    func existing(
        of alertId: String, in handle: borrowing OpenFile, root: StoreDirectory
    ) throws(StoreError) -> Acknowledgement? {
        let status = try handle.status()
        var state = seen.withLock { $0 }
        if state.device != status.device || state.inode != status.inode || state.size > status.size {
            state = Seen(device: status.device, inode: status.inode)
        }
        if status.size > state.size {
            let bytes = try handle.read(at: state.size, count: status.size - state.size)
            let batch = try LineReader.read(bytes, of: .acks, firstLine: 1, in: root, decoder: RecordDecoder())
            for case .acknowledgement(let ack) in batch.records where state.first[ack.alertId] == nil {
                state.first[ack.alertId] = ack
            }
            state.size += batch.consumed
        }
        seen.withLock { $0 = state }
        return state.first[alertId]
    }

    /// Notes an acknowledgement this process appended, which made the file `size` bytes long.
    func recorded(_ ack: Acknowledgement, fileSize size: Int) {
        seen.withLock { state in
            if state.first[ack.alertId] == nil { state.first[ack.alertId] = ack }
            state.size = size
        }
    }
}
