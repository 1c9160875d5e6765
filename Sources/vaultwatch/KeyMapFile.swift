import Foundation
import VaultTUI

/// The operator's own key bindings: `$XDG_CONFIG_HOME/vaultwatch/keys.json` (or `--keys FILE`
/// later), mapping a context (`global`, `vaults`, `recoveryPoints`, `alerts`, `detail`) to key
/// names and action names, e.g. `{"global": {"x": "quit"}, "alerts": {"A": "acknowledge"}}`.
/// A bad file stops the program with one line naming the file and the entry at fault.
enum KeyMapFile {
    static func url(environment: [String: String]) -> URL {
        ConfigDirectory(environment: environment).file("keys.json")
    }

    static func load(environment: [String: String]) throws -> KeyMap {
        let file = url(environment: environment)
        guard FileManager.default.fileExists(atPath: file.path) else { return .standard }
        do {
            let user = try JSONDecoder().decode([String: [String: String]].self, from: Data(contentsOf: file))
            return try KeyMap.standard.overriding(with: user)
        } catch let error as KeyMapError {
            throw CLIError("\(file.path): \(error)")
        } catch {
            throw CLIError("\(file.path): not a key map (an object of contexts, each mapping key names to actions)")
        }
    }
}
