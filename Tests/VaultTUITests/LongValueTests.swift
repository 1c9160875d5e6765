import Foundation
import Testing
import VaultCore

@testable import VaultTUI

/// A 160 KB field cannot take over the screen: cut with "… (N more characters)" in the list, the
/// pane and the detail, whole one key away in the detail, which scrolls to its end, with what
/// follows it (What, When, Outcome) always reachable.
@Suite struct LongValueTests {
    typealias F = FirstUserFixture

    static func onTheHugeAlert(width: Int = 80, height: Int = 24) -> AppState {
        var s = F.app(width: width, height: height)
        F.keys(&s, [.char("3")])
        while s.currentAlert?.principal.arn.contains(F.hugeName) != true { F.keys(&s, [.down]) }
        return s
    }

    @Test func theListAndThePaneCutItAndSaySo() {
        let s = Self.onTheHugeAlert()
        let text = View.render(s).text
        #expect(text.contains("more characters)"), "\(text)")
        #expect(text.contains("What       DeleteBackupVaultAccessPolicy on WORM_vault"), "what follows stays on screen: \(text)")
        #expect(text.split(separator: "\n").allSatisfy { DisplayWidth.of(String($0)) <= 80 })
    }

    @Test func theDetailCutsItThenShowsItWholeAndScrollsThroughIt() {
        var s = Self.onTheHugeAlert()
        F.keys(&s, [.enter])
        let cut = View.render(s).text
        #expect(cut.contains("more characters)") && cut.contains("v long values whole"), "\(cut)")
        let cutEnd = DetailScreen.maxScroll(s)
        F.keys(&s, [.char("v")])
        let whole = DetailScreen.maxScroll(s)
        // 160,000 characters at 67 a row, twice (the principal and its session ARN).
        #expect(whole > 4_700 && whole > cutEnd, "\(whole)")
        #expect(View.render(s).text.contains("v cut long values"))
        F.keys(&s, [.char("G")])
        let end = View.render(s).text
        #expect(end.contains("Outcome") || end.contains("Event"), "the end of the detail: \(end)")
        #expect(end.contains("of \(whole + DetailScreen.visibleRows(s))"), "\(end)")
        F.keys(&s, [.char("v")])
        #expect(s.detailScroll == 0 && DetailScreen.maxScroll(s) == cutEnd, "cut again, from the top")
    }

    @Test func aValueWrapsInOnePassAndWholeWhateverItsLength() {
        let value = String(repeating: "arn:aws:iam::111122223333:role/", count: 5_000)
        let lines = Prose.wrap(value, width: 67)
        #expect(lines.joined() == value)
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 67 })
        #expect(Prose.wrap(value, width: 67) == lines, "the same rows when asked again (kept, not wrapped again)")
    }
}
