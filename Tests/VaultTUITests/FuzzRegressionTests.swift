import Foundation
import FuzzSupport
import Testing

@_spi(Fuzzing) import VaultTerminal

/// The terminal input fuzzer's seeds and every finding it made (`Fuzz/Seeds/TerminalInput`,
/// `Fuzz/Regressions/TerminalInput`), replayed.
@Suite("Terminal input fuzzing, replayed")
struct FuzzRegressionTests {
    @Test("keys and pastes decode the same however they are split into reads")
    func replay() throws {
        let inputs = try FuzzCorpus.saved("TerminalInput")
        #expect(inputs.count >= 5)
        for input in inputs { #expect(TerminalInputAgreement.disagreement(input.bytes) == nil, "\(input.name)") }
    }
}
