import Foundation
import Testing
import VaultCore

@testable import VaultTUI

/// The cooling-off countdown on screen, at its edges.
@Suite struct CountdownScreenTests {
    func lockCell(at now: Date) -> (String, Role) {
        var s = Fixture.app()
        _ = Update.apply(.tick(now), to: &s)
        let g = View.render(s)
        // Row 6 is the fourth data row (header, tabs, column header): WORM_vault, unselected.
        let line = g.line(6)
        #expect(line.contains("WORM_vault"))
        let x = line.distance(from: line.startIndex, to: line.range(of: "grace")?.lowerBound ?? line.range(of: "compliance")!.lowerBound)
        return (line, g[x, 6].role)
    }

    @Test func countdownTicksEverySecond() {
        let (a, role) = lockCell(at: Fixture.lockDate.addingTimeInterval(-2))
        #expect(a.contains("grace · 00:00:02"))
        #expect(role == .lockGrace)
        let (b, _) = lockCell(at: Fixture.lockDate.addingTimeInterval(-1))
        #expect(b.contains("grace · 00:00:01"))
    }

    @Test func exactlyAtTheLockDateTheLockIsPermanent() {
        let (line, role) = lockCell(at: Fixture.lockDate)
        #expect(line.contains("compliance"))
        #expect(!line.contains("grace"))
        #expect(role == .lockCompliance)
    }

    @Test func theDetailSaysWhatTheCountdownMeans() {
        var s = Fixture.app(width: 120, height: 40)
        _ = Update.apply(.key(.char("G")), to: &s)
        _ = Update.apply(.key(.enter), to: &s)
        let text = View.render(s).text
        #expect(text.contains("becomes permanent in 1d\u{00A0}20:10:27"))
        #expect(text.contains("After 2026-11-25 10:12 UTC this lock can no longer be changed or removed"))
    }
}
