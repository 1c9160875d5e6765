import Foundation
import Testing

@testable import VaultTUI

@Suite struct ThemeTests {
    static let themesFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Themes")

    @Test func shippedThemesParseAndCoverEveryRole() throws {
        let catalog = ThemeCatalog.load(from: [Self.themesFolder])
        #expect(catalog.problems.isEmpty)
        let names = catalog.themes.map(\.name)
        #expect(names == ["terminal", "dark", "light", "mono"])
        for theme in catalog.themes {
            for role in Role.allCases { #expect(theme.styles[role] != nil, "\(theme.name) lacks \(role)") }
        }
        let mono = catalog.themes.first { $0.name == "mono" }!
        #expect(mono.styles.values.allSatisfy { $0.fg == .terminalDefault && $0.bg == .terminalDefault })
    }

    @Test func everyThemeKeepsTheTerminalBackgroundForPlainText() {
        for theme in ThemeCatalog.load(from: [Self.themesFolder]).themes {
            #expect(theme.style(.normal).bg == .terminalDefault, "\(theme.name)")
        }
    }

    @Test func badThemesAreRejectedNamingFileAndRole() {
        let bad = Data(#"{"roles": {"header": {"fg": "ultraviolet"}}}"#.utf8)
        #expect(throws: ThemeError(description: "x.json: role \"header\": unknown colour \"ultraviolet\"")) {
            try Theme.parse(bad, source: "x.json")
        }
        let unknownRole = Data(#"{"roles": {"sparkle": {}}}"#.utf8)
        #expect(throws: ThemeError(description: "y.json: unknown role \"sparkle\"")) {
            try Theme.parse(unknownRole, source: "y.json")
        }
    }

    @Test func colourFallbackToEightColours() {
        #expect(TermColor.index(196).basic == .index(1))
        #expect(TermColor.index(46).basic == .index(2))
        #expect(TermColor.index(9).basic == .index(1))
        #expect(TermColor.index(232).basic == .index(0))
        #expect(TermColor.index(255).basic == .index(7))
        #expect(TermColor.terminalDefault.basic == .terminalDefault)
    }

    @Test func monochromeHasNoColourButKeepsSelectionVisible() {
        #expect(Theme.monochrome.style(.selection).attributes.contains(.reverse))
        #expect(Theme.monochrome.styles.values.allSatisfy { $0.fg == .terminalDefault && $0.bg == .terminalDefault })
    }
}

@Suite struct KeyMapTests {
    @Test func userBindingsOverrideAndConflictsAreRejected() throws {
        let map = try KeyMap.standard.overriding(with: ["alerts": ["A": "acknowledge"], "global": ["x": "quit"]])
        #expect(map.action(for: .char("A"), in: .alerts) == .acknowledge)
        #expect(map.action(for: .char("x"), in: .vaults) == .quit)
        #expect(throws: KeyMapError.self) { try KeyMap.standard.overriding(with: ["global": ["Hyper-Q": "quit"]]) }
        #expect(throws: KeyMapError.self) { try KeyMap.standard.overriding(with: ["global": ["x": "selfDestruct"]]) }
        #expect(throws: KeyMapError.self) { try KeyMap.standard.overriding(with: ["global": ["Esc": "quit", "escape": "help"]]) }
        #expect(throws: KeyMapError(description: "no key is left for \"quit\" everywhere")) {
            try KeyMap.standard.overriding(with: ["global": ["q": "redraw"]])
        }
    }

    @Test func footerHintsComeFromTheKeyMap() throws {
        var s = Fixture.app()
        s.keyMap = try KeyMap.standard.overriding(with: ["global": ["x": "quit"]])
        let footer = View.render(s).line(23)
        #expect(footer.contains("q quit"))
        _ = Update.apply(.key(.char("x")), to: &s)
        #expect(Update.apply(.key(.char("x")), to: &s) == [.quit])
    }
}
