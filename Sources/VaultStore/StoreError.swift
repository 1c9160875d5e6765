import VaultCore

/// Why the store could not do what it was asked. Paths are absolute; each case reads as one
/// line naming what failed and where.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The store directory (or one of its parents) could not be created or tightened.
    case cannotCreateDirectory(path: String, reason: String)
    /// Something other than a directory is where the store directory (or its points folder) should be.
    /// `what` names the folder: the store directory, or one of its folders (`points`).
    case notADirectory(path: String, what: String)
    /// A symbolic link is where the store, its points folder or one of its files should be: never followed.
    case symbolicLink(path: String)
    /// There is no store directory where one was to be read.
    case noStore(path: String)
    /// The store (or a file in it) belongs to another user: read, but never written.
    case notYours(path: String, owner: UInt32, user: UInt32)
    /// A write was asked of a store opened for reading only.
    case readOnly(path: String)
    /// No digest was signed: the store no longer matches the newest digest, or there is no key.
    case digestRefused(path: String, reason: String)
    /// Nothing was written: the store no longer holds what its newest digest vouches for.
    case notAsVouched(path: String, reason: String, store: String)
    /// The digest given to check the store against cannot be read.
    case badKeptDigest(reason: String)
    case cannotOpen(path: String, reason: String)
    case cannotLock(path: String, reason: String)
    case cannotRead(path: String, reason: String)
    /// An append failed; the file was cut back to what it held before, so nothing of it remains.
    case writeFailed(path: String, reason: String)
    /// A torn last line could not be moved to its side file, so nothing was appended after it.
    case cannotSetAside(path: String, reason: String)
    /// A record could not be turned into a line (e.g. a date beyond year 9999).
    case cannotEncode(type: RecordType, reason: String)
    /// A compaction could not write or rename its new file; the file it was compacting is as it was.
    case compactionFailed(path: String, reason: String)
    /// A line was written by a newer vaultwatch; nothing was loaded and nothing on disk changed.
    case newerSchema(file: String, line: Int, version: Int, supported: Int)

    public var description: String {
        switch self {
        case .cannotCreateDirectory(let path, let reason):
            return "cannot create the store directory \(path): \(reason)"
        case .notADirectory(let path, let what):
            return "cannot use \(path) as \(what): something that is not a directory is in the way (move it aside)"
        case .symbolicLink(let path):
            return "refusing \(path): it is a symbolic link, and the store follows none (put the directory or file itself there)"
        case .noStore(let path):
            return "no store at \(path)"
        case .notYours(let path, let owner, let user):
            return "will not write to \(path): it belongs to uid \(owner), not to you (uid \(user)); run vaultwatch as its owner,"
                + " or make it yours: chown -R \(user) \(Permissions.quoted(path))"
        case .readOnly(let path):
            return "the store \(path) was opened for reading only"
        case .digestRefused(let path, let reason):
            return "not signing a digest of \(path): \(reason)"
        case .notAsVouched(let path, let reason, let store):
            return "will not write to the store: \(path): \(reason); nothing was written"
                + " (`vaultwatch store verify --store \(Permissions.quoted(store))` names what is wrong)"
        case .badKeptDigest(let reason):
            return "the digest to check the store against is \(reason)"
        case .cannotOpen(let path, let reason):
            return "cannot open \(path): \(reason)"
        case .cannotLock(let path, let reason):
            return "cannot lock \(path): \(reason)"
        case .cannotRead(let path, let reason):
            return "cannot read \(path): \(reason)"
        case .writeFailed(let path, let reason):
            return "cannot append to \(path): \(reason) (nothing of this append was kept; what was stored before is intact)"
        case .cannotSetAside(let path, let reason):
            return "cannot set aside the torn last line of \(path): \(reason) (nothing was appended)"
        case .cannotEncode(let type, let reason):
            return "cannot store a \(type.rawValue) record: \(reason)"
        case .compactionFailed(let path, let reason):
            return "cannot compact \(path): \(reason)"
        case .newerSchema(let file, let line, let version, let supported):
            return "\(file):\(line) was written by a newer vaultwatch (store schema \(version); this one reads up to \(supported)): upgrade vaultwatch to read this store"
        }
    }
}
