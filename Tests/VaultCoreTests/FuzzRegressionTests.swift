import Foundation
import FuzzSupport
import Testing

@_spi(Fuzzing) @testable import VaultCore

/// The event-pattern and policy fuzzers' seeds and every finding they made (`Fuzz/Seeds`,
/// `Fuzz/Regressions`), replayed through the same checks.
@Suite("Pattern and policy fuzzing, replayed")
struct FuzzRegressionTests {
    @Test("event patterns: parsing, compiling, matching and writing back keep their promises")
    func patterns() throws {
        let inputs = try FuzzCorpus.saved("EventPattern")
        #expect(inputs.count >= 6)
        for input in inputs { #expect(EventPatternAgreement.disagreement(input.bytes) == nil, "\(input.name)") }
    }

    @Test("policies: the evaluator and the explanation agree")
    func policies() throws {
        let inputs = try FuzzCorpus.saved("Policy")
        #expect(inputs.count >= 4)
        for input in inputs { #expect(PolicyAgreement.disagreement(input.bytes) == nil, "\(input.name)") }
    }
}
