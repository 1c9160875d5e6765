import Foundation
import Glibc

/// The newest digest this machine signed for one store, kept beside the signing key (outside
/// every store): its number, where its line ends in `digests.jsonl` and that line's hash.
///
/// A digest chain, like a hash chain, cannot vouch for its own end: cut `digests.jsonl` back to an
/// early digest (the one of the empty files every store starts with) and remove what came after
/// it, and the store looks merely "not yet covered". A writer therefore also checks that the store
/// still holds the digest it last signed there; only someone who can write the signing key's
/// folder too can roll that back, and they could take the key itself.
public struct DigestHead: Codable, Equatable, Sendable {
    /// The store's directory, as it was opened.
    public var store: String
    public var seq: Int
    /// How many bytes of `digests.jsonl` there were with this digest's line and its newline.
    public var end: Int
    /// `ChainHash` of the digest's line.
    public var hash: String
}

/// Where the heads are kept: `digest-heads/` beside the key, one file per store (named by a hash
/// of its path), each written whole and renamed into place.
public struct DigestHeads: Sendable {
    public let folder: URL

    public init(folder: URL) { self.folder = folder }

    func url(for store: String) -> URL {
        folder.appendingPathComponent(String(ChainHash.of(Array(store.utf8)[...]).prefix(32)) + ".json")
    }

    /// The head recorded for `store`, or nil when none was (or it cannot be read: the check then
    /// falls back to what the store's own digests say).
    func head(for store: String) -> DigestHead? {
        guard let data = try? Data(contentsOf: url(for: store)),
            let head = try? JSONDecoder().decode(DigestHead.self, from: data), head.store == store
        else { return nil }
        return head
    }

    /// Records `head` (made 0600 in a 0700 folder, flushed, then renamed over the last one).
    func record(_ head: DigestHead) throws(StoreError) {
        let path = folder.path
        if mkdir(path, 0o700) != 0 && errno != EEXIST {
            throw .writeFailed(path: path, reason: osReason(errno))
        }
        let target = url(for: head.store).path
        let temp = "\(target).\(getpid()).new"
        let data: Data
        do { data = try JSONEncoder().encode(head) } catch { throw .writeFailed(path: target, reason: "\(error)") }
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, mode_t(0o600))
        guard fd >= 0 else { throw .writeFailed(path: temp, reason: osReason(errno)) }
        let written = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        let ok = written == data.count && fsync(fd) == 0
        let code = errno
        close(fd)
        guard ok, rename(temp, target) == 0 else {
            let reason = osReason(ok ? errno : code)
            unlink(temp)
            throw .writeFailed(path: target, reason: reason)
        }
    }
}
