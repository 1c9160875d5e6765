import Foundation

/// The themes available to a run: the compiled-in one first, then every `*.json` in the theme
/// folders, in name order. Files that fail to parse are reported, never fatal.
public struct ThemeCatalog: Sendable {
    public private(set) var themes: [Theme]
    public private(set) var problems: [String]

    public init(themes: [Theme], problems: [String] = []) {
        self.themes = themes.isEmpty ? [Theme.builtin] : themes
        self.problems = problems
    }

    /// Loads every theme file in `folders` (missing folders are skipped). A later folder's theme
    /// replaces an earlier one of the same name.
    public static func load(from folders: [URL]) -> ThemeCatalog {
        var byName: [String: Theme] = [:]
        var order: [String] = []
        var problems: [String] = []
        let fm = FileManager.default
        for folder in folders {
            guard let names = try? fm.contentsOfDirectory(atPath: folder.path) else { continue }
            for name in names.sorted() where name.hasSuffix(".json") {
                let url = folder.appendingPathComponent(name)
                do {
                    let theme = try Theme.parse(Data(contentsOf: url), source: url.path)
                    if byName[theme.name] == nil { order.append(theme.name) }
                    byName[theme.name] = theme
                } catch {
                    problems.append("\(error)")
                }
            }
        }
        return ThemeCatalog(themes: [Theme.builtin] + order.compactMap { byName[$0] }, problems: problems)
    }

    /// Where theme files are looked for: `$XDG_CONFIG_HOME/vaultwatch/themes`, and the
    /// `Themes/` folder of the source tree the executable was built in (found by walking up from
    /// the executable), so a fresh clone shows its themes.
    public static func defaultFolders(executable: URL, environment: [String: String]) -> [URL] {
        var folders: [URL] = []
        var dir = executable.resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            let candidate = dir.appendingPathComponent("Themes")
            if FileManager.default.fileExists(atPath: candidate.path) {
                folders.append(candidate)
                break
            }
            dir = dir.deletingLastPathComponent()
        }
        let config =
            environment["XDG_CONFIG_HOME"].map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: environment["HOME"] ?? "/").appendingPathComponent(".config")
        folders.append(config.appendingPathComponent("vaultwatch/themes"))
        return folders
    }

    public func index(named name: String) -> Int? { themes.firstIndex { $0.name == name } }
}
