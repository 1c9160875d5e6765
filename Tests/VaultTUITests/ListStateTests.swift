import Foundation
import Testing
import VaultCore

@testable import VaultTUI

/// Sort and filter state on screen at every width: the sorted column marked ▲/▼, the filter and
/// its count always visible, the cursor back at the top after a sort.
@Suite struct ListStateTests {
    typealias F = FirstUserFixture

    @Test(arguments: [(80, 24), (200, 60)])
    func theSortedColumnIsMarkedAndShownAtEveryWidth(width: Int, height: Int) {
        for (tab, presses, header) in [
            (Key.char("1"), 2, "POINTS ▼"), (.char("2"), 3, "SIZE ▼"), (.char("2"), 1, "EXPIRES ▲"),
            (.char("3"), 1, "SEV ▼"), (.char("3"), 2, "ACK ▲"), (.char("4"), 1, "VERDICT ▼"),
        ] as [(Key, Int, String)] {
            var s = F.app(width: width, height: height)
            F.keys(&s, [tab] + Array(repeating: .char("s"), count: presses))
            #expect(View.render(s).line(2).contains(header), "\(header) at \(width)")
        }
    }

    @Test func afterASortTheCursorIsAtTheTop() {
        var s = F.app()
        F.keys(&s, [.char("4"), .char("G"), .char("s")])
        #expect(s.selectedIndex(.guardrails) == 0 && s.scrollTop[.guardrails] == 0)
        #expect(s.currentCheck?.result.verdict == .fail, "worst first: a FAIL under the cursor")
    }

    @Test func byVaultIsNotOfferedInsideOneVault() {
        var s = F.app()
        F.keys(&s, [.char("G"), .enter, .enter])  // WORM_vault's points
        var names: [String] = []
        for _ in 0..<4 {
            names.append(s.sortOrder.name)
            F.keys(&s, [.char("s")])
        }
        #expect(!names.contains("vault") && names.count == 4)
        // Which vault the list is of is said even where the tab line has no room for it.
        #expect(View.render(s).text.contains("in WORM_vault · by "), "\(View.render(s).text)")
    }

    @Test(arguments: [(80, 24), (200, 60)])
    func theFilterAndItsCountStayVisible(width: Int, height: Int) throws {
        var s = F.app(width: width, height: height)
        F.keys(&s, [.char("3"), .char("/")] + F.type("Delete"))
        #expect(View.render(s).text.contains("filter “Delete”…: 7 of 16"), "while typing")
        F.keys(&s, [.enter, .char("u")])
        let grid = View.render(s)
        #expect(grid.text.contains("filter “Delete”: 6 of 16 · unacked only"))
        try ScreenExpectations.check(grid, named: "alerts-filtered-\(width)x\(height)")
    }

    @Test func aStatusMessageBelongsToItsTabAndExpires() {
        var s = F.app()
        F.keys(&s, [.char("2"), .char("s")])
        #expect(View.render(s).line(23).contains("Sorted by expires ▲."))
        F.keys(&s, [.char("3")])
        #expect(!View.render(s).text.contains("Sorted by"), "not on another tab")
        F.keys(&s, [.char("p")])
        #expect(View.render(s).line(23).contains("Paused: rows stay put, clocks tick."), "said whole at 80 columns")
        for _ in 0..<6 { _ = Update.apply(.second, to: &s) }
        #expect(!View.render(s).line(23).contains("Paused"), "expired")
        #expect(View.render(s).line(0).contains("PAUSED"), "the state itself stays in the header")
    }
}
