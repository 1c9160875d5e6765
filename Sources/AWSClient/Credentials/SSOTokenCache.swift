import Foundation
import SystemCrypto

/// The token `aws sso login` caches in `~/.aws/sso/cache/<sha1(key)>.json`, where the key is the
/// sso-session name (profiles with `sso_session`) or the start URL (legacy profiles).
struct SSOTokenCache: Sendable {
    let home: String

    func path(forKey key: String) -> String {
        let digest = SHA1.hash(key.utf8)
        return "\(home)/.aws/sso/cache/\(SigV4Canonical.hex(digest)).json"
    }

    /// The cached token as its JSON object, or nil when the file does not exist.
    func load(key: String) throws -> [String: Any]? {
        let file = path(forKey: key)
        guard let data = FileManager.default.contents(atPath: file) else { return nil }
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw AWSError.credentials(
                CredentialProblem(kind: .refused, reason: "the SSO token cache \(file) is not a JSON object", lookedAt: [file]))
        }
        return object
    }

    /// Writes the refreshed token back, as botocore does, readable by the user only.
    func save(_ token: [String: Any], key: String) {
        let file = path(forKey: key)
        guard let data = try? JSONSerialization.data(withJSONObject: token, options: [.sortedKeys]) else { return }
        try? FileManager.default.createDirectory(
            atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        if FileManager.default.createFile(atPath: file, contents: data, attributes: [.posixPermissions: 0o600]) == false {
            return
        }
    }

    /// `expiresAt` as the CLI writes it (`2026-01-02T03:04:05Z`, or the older `…UTC`).
    static func date(_ value: Any?) -> Date? {
        guard var text = value as? String else { return nil }
        if text.hasSuffix("UTC") { text = String(text.dropLast(3)) + "Z" }
        return Timestamp.parseISO8601(text)
    }
}
