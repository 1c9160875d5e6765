import Foundation
import Glibc

/// A store made by the real binary (`vaultwatch sync --source demo --once`) in a directory of
/// its own, removed when the test is done.
struct StoreFixture: ~Copyable {
    let dir: URL
    var store: URL { dir.appendingPathComponent("store") }

    init(synced: Bool = true) throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("vaultwatch-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        if synced { try Shell.run(try Built.vaultwatch.path, ["sync", "--source", "demo", "--once", "--store", store.path]) }
    }

    deinit { try? FileManager.default.removeItem(at: dir) }

    func file(_ name: String) -> URL { store.appendingPathComponent(name) }

    /// `vaultwatch ARGS --store STORE`, to the end.
    func run(_ args: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try Shell.outcome(try Built.vaultwatch.path, args + ["--store", store.path])
    }

    /// The ids of the alerts, newest first.
    func alertIds(unacknowledged: Bool = false) throws -> [String] {
        let json = try Shell.run(
            try Built.vaultwatch.path, ["alerts", "--json", "--store", store.path] + (unacknowledged ? ["--unacknowledged"] : []))
        let rows = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]] ?? []
        return rows.compactMap { $0["id"] as? String }
    }

    /// Every file and folder under the store with its mode, owner and bytes.
    func snapshot() -> [String: String] {
        var result: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(atPath: store.path)
        var names = [""]
        while let name = enumerator?.nextObject() as? String { names.append(name) }
        for name in names {
            let path = name.isEmpty ? store.path : store.appendingPathComponent(name).path
            var st = stat()
            guard lstat(path, &st) == 0 else { continue }
            let content = (st.st_mode & S_IFMT) == S_IFREG ? ((try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data()).base64EncodedString() : "-"
            result[name] = "\(String(st.st_mode & 0o7777, radix: 8)) \(st.st_uid) \(content)"
        }
        return result
    }
}
