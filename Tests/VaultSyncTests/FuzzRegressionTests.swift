import FuzzSupport
import Testing

@_spi(Fuzzing) import VaultSync

/// The AWS answers fuzzer's seeds and every finding it made (`Fuzz/Seeds/AWSAnswers`,
/// `Fuzz/Regressions/AWSAnswers`), replayed through the same checks as `Fuzz/Targets/AWSAnswers`.
@Suite("AWS answers fuzzing, replayed")
struct FuzzRegressionTests {
    @Test("the client's and the sources' readers keep their promises on every saved answer")
    func answers() throws {
        let inputs = try FuzzCorpus.saved("AWSAnswers")
        #expect(inputs.count >= 20)
        var agreement = SourceAnswerAgreement()
        for input in inputs { #expect(agreement.disagreement(input.bytes) == nil, "\(input.name)") }
    }
}
