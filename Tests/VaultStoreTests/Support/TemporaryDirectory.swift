import Foundation
import Glibc

@testable import VaultStore

/// A fresh directory for one test, removed when the test is done. The store goes in its `store`
/// subfolder, so creating the store directory is exercised too.
struct TemporaryDirectory: ~Copyable {
    let url: URL

    init() {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("vaultstore-tests-\(UUID().uuidString)", isDirectory: true)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    var store: URL { url.appendingPathComponent("store", isDirectory: true) }

    func file(_ relativePath: String) -> URL { store.appendingPathComponent(relativePath) }
}

/// The bytes of a file; empty when it does not exist.
func bytes(of url: URL) -> [UInt8] {
    (try? Data(contentsOf: url)).map(Array.init) ?? []
}

/// The text of a file's lines, without their newlines.
func lines(of url: URL) -> [String] {
    String(decoding: bytes(of: url), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        .dropLast().map(String.init)
}

func write(_ bytes: [UInt8], to url: URL) throws {
    try Data(bytes).write(to: url)
}

/// Appends raw bytes, as a writer that crashed or a person editing by hand would.
func appendRaw(_ bytes: [UInt8], to url: URL) throws {
    let handle = try FileHandle(forWritingTo: url)
    defer { try? handle.close() }
    try handle.seekToEnd()
    try handle.write(contentsOf: Data(bytes))
}

/// Permission bits of a file or directory.
func mode(of url: URL) -> UInt32 {
    var st = stat()
    guard stat(url.path, &st) == 0 else { return 0 }
    return UInt32(st.st_mode) & 0o7777
}

/// Every file under a directory with its bytes, to prove nothing was changed.
func snapshot(of directory: URL) -> [String: [UInt8]] {
    var result: [String: [UInt8]] = [:]
    let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)
    while let url = enumerator?.nextObject() as? URL {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            result[String(url.path.dropFirst(directory.path.count))] = bytes(of: url)
        }
    }
    return result
}

/// The `seq` of each line of a file.
func seqs(of url: URL) -> [Int?] {
    lines(of: url).map { line in
        (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["seq"] as? Int
    }
}

/// Every file and folder under a directory with its mode, owner and bytes (a link as its target's
/// path): what "nothing changed" means, permissions included.
func snapshotWithModes(of directory: URL) -> [String: String] {
    var result: [String: String] = ["/": "\(mode(of: directory))"]
    let enumerator = FileManager.default.enumerator(atPath: directory.path)
    while let name = enumerator?.nextObject() as? String {
        let path = directory.appendingPathComponent(name).path
        var st = stat()
        guard lstat(path, &st) == 0 else { continue }
        let kind = st.st_mode & S_IFMT
        let content: String
        if kind == S_IFLNK {
            content = "link → " + ((try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?")
        } else if kind == S_IFDIR {
            content = "folder"
        } else {
            content = ChainHash.of(bytes(of: URL(fileURLWithPath: path))[...])
        }
        result[name] = "\(String(st.st_mode & 0o7777, radix: 8)) \(st.st_uid) \(content)"
    }
    return result
}
