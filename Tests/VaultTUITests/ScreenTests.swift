import Foundation
import Testing
import VaultCore

@testable import VaultTUI

/// Every screen rendered to text with a fixed clock at 80×24 and 200×60, against committed
/// expectations.
@Suite struct ScreenTests {
    static let sizes = [(80, 24), (200, 60)]

    func render(_ state: AppState) -> Grid { View.render(state) }

    func keys(_ state: inout AppState, _ keys: [Key]) {
        for k in keys { _ = Update.apply(.key(k), to: &state) }
    }

    @Test(arguments: [(80, 24), (200, 60)])
    func vaultsTab(width: Int, height: Int) throws {
        var s = Fixture.app(width: width, height: height)
        keys(&s, [.char("G")])  // WORM_vault, in its cooling-off period, sorts last
        try ScreenExpectations.check(render(s), named: "vaults-\(width)x\(height)")
    }

    @Test(arguments: [(80, 24), (200, 60)])
    func recoveryPointsTab(width: Int, height: Int) throws {
        var s = Fixture.app(width: width, height: height)
        keys(&s, [.char("2")])
        try ScreenExpectations.check(render(s), named: "points-\(width)x\(height)")
    }

    @Test(arguments: [(80, 24), (200, 60)])
    func alertsTab(width: Int, height: Int) throws {
        var s = Fixture.app(width: width, height: height)
        keys(&s, [.char("3")])
        try ScreenExpectations.check(render(s), named: "alerts-\(width)x\(height)")
    }

    @Test(arguments: [(80, 24), (200, 60)])
    func vaultDetail(width: Int, height: Int) throws {
        var s = Fixture.app(width: width, height: height)
        keys(&s, [.char("G"), .enter])
        try ScreenExpectations.check(render(s), named: "vault-detail-\(width)x\(height)")
    }

    @Test(arguments: [(80, 24), (200, 60)])
    func guardrailsTab(width: Int, height: Int) throws {
        var s = Fixture.app(width: width, height: height)
        keys(&s, [.char("4"), .char("s"), .char("g")])  // worst first, from the top
        try ScreenExpectations.check(render(s), named: "guardrails-\(width)x\(height)")
    }

    @Test func checkDetailScrolls() throws {
        var s = Fixture.app()
        keys(&s, [.char("4"), .char("/")] + "could still".map { .char($0) } + [.enter, .char("g"), .enter])
        try ScreenExpectations.check(render(s), named: "check-detail-80x24")
        keys(&s, [.char("G")])
        try ScreenExpectations.check(render(s), named: "check-detail-80x24-end")
    }

    @Test func pointDetail() throws {
        var s = Fixture.app()
        keys(&s, [.char("2"), .enter])
        try ScreenExpectations.check(render(s), named: "point-detail-80x24")
    }

    @Test func alertDetail() throws {
        var s = Fixture.app()
        keys(&s, [.char("3"), .enter])
        try ScreenExpectations.check(render(s), named: "alert-detail-80x24")
    }

    @Test func acknowledgeDialogSurvivesResize() throws {
        var s = Fixture.app()
        keys(&s, [.char("3"), .char("a")] + "checked with alice".map { .char($0) })
        try ScreenExpectations.check(render(s), named: "ack-dialog-80x24")
        _ = Update.apply(.resize(width: 52, height: 14), to: &s)
        try ScreenExpectations.check(render(s), named: "ack-dialog-52x14")
        _ = Update.apply(.resize(width: 200, height: 60), to: &s)
        try ScreenExpectations.check(render(s), named: "ack-dialog-200x60")
    }

    @Test func helpOverlay() throws {
        var s = Fixture.app()
        keys(&s, [.char("3"), .char("?")])
        try ScreenExpectations.check(render(s), named: "help-80x24")
    }

    @Test func tooSmall() throws {
        let s = Fixture.app(width: 40, height: 10)
        try ScreenExpectations.check(render(s), named: "too-small-40x10")
    }

    @Test func filterBar() throws {
        var s = Fixture.app()
        keys(&s, [.char("2"), .char("/")] + "worm".map { .char($0) })
        try ScreenExpectations.check(render(s), named: "points-filter-80x24")
    }
}
