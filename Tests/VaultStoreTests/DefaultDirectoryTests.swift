import Foundation
import Testing

@testable import VaultStore

@Suite("Default store directory")
struct DefaultDirectoryTests {
    @Test("XDG_STATE_HOME wins when absolute")
    func xdg() {
        let url = Store.defaultDirectory(environment: ["XDG_STATE_HOME": "/srv/state", "HOME": "/home/op"])
        #expect(url.path == "/srv/state/vaultwatch/default")
    }

    @Test("HOME/.local/state otherwise, including a relative XDG_STATE_HOME")
    func home() {
        #expect(Store.defaultDirectory(profile: "prod", environment: ["HOME": "/home/op"]).path
            == "/home/op/.local/state/vaultwatch/prod")
        #expect(Store.defaultDirectory(environment: ["XDG_STATE_HOME": "state", "HOME": "/home/op"]).path
            == "/home/op/.local/state/vaultwatch/default")
    }

    @Test("a profile cannot climb out of the vaultwatch folder")
    func hostileProfile() {
        let url = Store.defaultDirectory(profile: "../../etc", environment: ["HOME": "/home/op"])
        #expect(url.path == "/home/op/.local/state/vaultwatch/%2E.%2F..%2Fetc")
    }
}
