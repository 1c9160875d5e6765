import AWSClient
import Foundation

/// A temporary HOME with `~/.aws/config` and `~/.aws/credentials`.
public final class TemporaryHome {
    public let path: String
    public init(config: String = "", credentials: String = "") throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("aws-home-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path + "/.aws/sso/cache", withIntermediateDirectories: true)
        try config.write(toFile: path + "/.aws/config", atomically: true, encoding: .utf8)
        try credentials.write(toFile: path + "/.aws/credentials", atomically: true, encoding: .utf8)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }

    public func write(_ text: String, to relative: String) throws -> String {
        let file = path + "/" + relative
        try FileManager.default.createDirectory(
            atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    /// An environment with only this HOME, PATH, IMDS disabled, plus `variables`.
    public func environment(_ variables: [String: String] = [:]) -> AWSEnvironment {
        var all = ["HOME": path, "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "AWS_EC2_METADATA_DISABLED": "true"]
        all.merge(variables) { _, new in new }
        return AWSEnvironment(variables: all, home: path)
    }
}
