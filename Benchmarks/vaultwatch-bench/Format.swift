import Foundation

/// Numbers as the table shows them.
enum Format {
    static func ratio(_ r: Double) -> String { r >= 10 ? String(format: "%.0f×", r) : String(format: "%.2f×", r) }

    static func seconds(_ s: Double) -> String {
        s < 1 ? String(format: "%.0f ms", s * 1000) : String(format: "%.2f s", s)
    }

    static func milliseconds(_ ms: Double) -> String {
        ms < 10 ? String(format: "%.2f ms", ms) : String(format: "%.0f ms", ms)
    }

    static func mbPerSecond(bytes: Int, seconds: Double) -> String {
        String(format: "%.0f MB/s", Double(bytes) / 1e6 / seconds)
    }

    /// Bytes in whole MB, without the unit.
    static func megabytes(_ bytes: Double) -> String { String(format: "%.0f", bytes / 1e6) }

    /// A plain number, without decimals when it is whole: `2`, `3.5`.
    static func number(_ n: Double) -> String { n.rounded() == n ? String(Int(n)) : String(n) }

    /// 1,234,567/s
    static func rate(_ perSecond: Double, unit: String) -> String { "\(grouped(Int(perSecond.rounded())))\(unit)/s" }

    static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }

    static func bytes(_ b: Double) -> String { String(format: "%.0f B", b) }
}
