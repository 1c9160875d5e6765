import Foundation

/// Who the operator is, for the record of an acknowledgement: `user@host`.
enum Identity {
    static func current(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let user = environment["USER"] ?? environment["LOGNAME"] ?? NSUserName()
        var host = ProcessInfo.processInfo.hostName
        if let dot = host.firstIndex(of: ".") { host = String(host[..<dot]) }
        return "\(user.isEmpty ? "unknown" : user)@\(host.isEmpty ? "localhost" : host)"
    }
}
