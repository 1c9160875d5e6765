import Foundation
import VaultCore

/// Short texts the screens share.
enum Format {
    /// `1.2 TiB`, `512 MiB`, `0 B`.
    static func bytes(_ n: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"]
        var value = Double(max(n, 0))
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        if unit == 0 { return "\(Int(value)) B" }
        if value >= 100 { return "\(Int(value.rounded())) \(units[unit])" }
        // One decimal, as "%.1f" gives it (drawn for every visible row, so without String(format:)).
        let tenths = Int((value * 10).rounded(.toNearestOrEven))
        return "\(tenths / 10).\(tenths % 10) \(units[unit])"
    }

    /// `3 894` style grouping with a thin, unambiguous separator.
    static func count(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }

    static func days(_ n: Int?) -> String { n.map { "\($0)d" } ?? "–" }

    /// The lock column: state word, plus the live countdown while in grace.
    static func lock(_ state: LockState, now: Date) -> String {
        switch state {
        case .complianceGrace(let until): return "grace · \(Countdown(to: until, now: now).clock)"
        default: return state.word
        }
    }

    static func role(_ state: LockState) -> Role {
        switch state {
        case .unlocked: return .lockNone
        case .governance: return .lockGovernance
        case .complianceGrace: return .lockGrace
        case .complianceLocked: return .lockCompliance
        }
    }

    /// `11-23 14:02` for table cells.
    static func shortTime(_ date: Date) -> String {
        let s = UTC.second(date)  // 2026-11-23 14:02:11
        return String(s.dropFirst(5).prefix(11))
    }

    static func key(_ vault: Vault) -> String {
        switch vault.encryptionKeyType {
        case .customerManaged?: return "customer managed" + (vault.encryptionKeyAlias.map { " (\($0))" } ?? "")
        case .awsOwned?: return "AWS owned"
        case nil: return vault.encryptionKeyArn == nil ? "none reported" : "unknown type"
        }
    }
}
