import Foundation

/// A certificate authority made for one test with `openssl`, in a temporary directory removed when
/// released: its certificate (`certificate`, a PEM CA bundle) and, when asked, a server certificate it
/// signed for 127.0.0.1 and localhost (`serverCertificate`, `serverKey`).
public final class TestCertificateAuthority {
    public let directory: String
    public var certificate: String { directory + "/ca.pem" }
    public var serverCertificate: String { directory + "/server.pem" }
    public var serverKey: String { directory + "/server.key" }

    public init(name: String = "vaultwatch test CA", server: Bool = true) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("vw-ca-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        try openssl(["req", "-x509"] + key + ["-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=\(name)"])
        guard server else { return }
        try openssl(["req"] + key + ["-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1"])
        try "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n"
            .write(toFile: directory + "/server.ext", atomically: true, encoding: .utf8)
        try openssl([
            "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.pem",
            "-days", "2", "-extfile", "server.ext",
        ])
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    private func openssl(_ arguments: [String]) throws {
        let outcome = try runCommand(["sh", "-c", "cd \"$0\" && exec openssl \"$@\"", directory] + arguments)
        guard outcome.status == 0 else {
            throw CommandFailed("openssl \(arguments.joined(separator: " ")) failed: \(outcome.stderr) (is openssl installed? run bash .ci/setup)")
        }
    }
}
