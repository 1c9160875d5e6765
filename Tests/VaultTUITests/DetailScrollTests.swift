import Foundation
import Testing
import VaultCore

@testable import VaultTUI

/// Every detail scrolls, says where it is ("N–M of K"), and its help lists only keys that work.
@Suite struct DetailScrollTests {
    typealias F = FirstUserFixture

    func openWormVault(width: Int, height: Int) -> AppState {
        var s = F.app(width: width, height: height)
        F.keys(&s, [.char("G"), .enter])  // WORM_vault sorts last
        return s
    }

    @Test(arguments: [(80, 24), (200, 60)])
    func aVaultsRecentJobsScrollToTheLast(width: Int, height: Int) throws {
        var s = openWormVault(width: width, height: height)
        #expect(s.screen == .vaultDetail(Fixture.key("WORM_vault")))
        let end = DetailScreen.maxScroll(s)
        #expect(end > 0, "61 jobs do not fit in \(height) rows")
        #expect(View.render(s).line(2).contains("1–\(DetailScreen.visibleRows(s)) of \(DetailScreen.visibleRows(s) + end) ↑↓"))
        F.keys(&s, [.pageDown])
        #expect(s.detailScroll == min(DetailScreen.visibleRows(s), end))
        F.keys(&s, [.char("G")])
        #expect(s.detailScroll == end)
        let last = View.render(s)
        #expect(last.text.contains("i-01000"), "the oldest of 61 jobs is on screen at the end")
        try ScreenExpectations.check(last, named: "vault-detail-jobs-end-\(width)x\(height)")
        F.keys(&s, [.char("k"), .char("g")])
        #expect(s.detailScroll == 0)
    }

    @Test func everyDetailScrollsWithTheSameKeys() {
        for opening in [[Key.char("2"), .enter], [.char("3"), .enter], [.char("4"), .enter]] {
            var s = F.app(width: 60, height: 14)
            F.keys(&s, opening)
            #expect(s.screen != .list)
            let end = DetailScreen.maxScroll(s)
            F.keys(&s, Array(repeating: .down, count: end + 5))
            #expect(s.detailScroll == end, "\(s.screen)")
            F.keys(&s, [.char("g")])
            #expect(s.detailScroll == 0)
        }
    }

    @Test func helpInADetailListsOnlyKeysThatWorkThere() {
        var s = openWormVault(width: 80, height: 24)
        F.keys(&s, [.char("?")])
        let text = View.render(s).text
        for missing in ["filter", "sort", "acknowledge", "unacked only"] { #expect(!text.contains(missing), "\(missing)") }
        for present in ["move down", "back", "open", "help", "quit"] { #expect(text.contains(present), "\(present)") }
        // On an alert's detail, acknowledging works and is listed; on a vault's list, it is not.
        var a = F.app()
        F.keys(&a, [.char("3"), .enter, .char("?")])
        #expect(View.render(a).text.contains("acknowledge"))
        var v = F.app()
        F.keys(&v, [.char("?")])
        #expect(!View.render(v).text.contains("acknowledge"))
    }

    @Test func aKeyThatDoesNothingInADetailDoesNothing() {
        var s = openWormVault(width: 80, height: 24)
        let before = View.render(s)
        F.keys(&s, [.char("/"), .char("s"), .char("a"), .char("u")])
        #expect(View.render(s) == before)
    }

    @Test func anArnWrapsWholeAtAColonOrASlash() {
        let role = "arn:aws:iam::444455556666:role/service-role/AWSBackupDefaultServiceRole"
        let lines = Prose.wrap(role, width: 24)
        #expect(lines.joined() == role, "nothing is lost")
        #expect(lines == ["arn:aws:iam::", "444455556666:role/", "service-role/", "AWSBackupDefaultServiceR", "ole"])
    }

    @Test func aValueCutForLengthSaysSo() {
        #expect(Prose.capped(String(repeating: "x", count: 250), limit: 240) == String(repeating: "x", count: 240) + "… (10 more characters)")
        #expect(Prose.capped("short", limit: 240) == "short")
    }
}
