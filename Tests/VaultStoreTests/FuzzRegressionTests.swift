import Foundation
import FuzzSupport
import Testing

@_spi(Fuzzing) @testable import VaultStore

/// The fuzzer's seeds and every finding it made (`Fuzz/Seeds/StoreLines`, `Fuzz/Regressions/StoreLines`),
/// replayed: the store's fast decoders read each line as the reference does, or leave it to it.
@Suite("Store line fuzzing, replayed")
struct FuzzRegressionTests {
    @Test("every seed and saved finding: the fast paths agree with the reference")
    func replay() throws {
        let inputs = try FuzzCorpus.saved("StoreLines")
        #expect(inputs.count >= 50)
        var agreement = LineDecoderAgreement()
        for input in inputs {
            let line = Array(input.bytes.prefix { $0 != 0x0A })
            #expect(agreement.disagreement(line) == nil, "\(input.name)")
        }
    }

    @Test("a line that is no JSON but ends as the store writes it: the chain check asks the reference, not the line's end")
    func envelopeOfGarbage() {
        let hash = String(repeating: "a", count: 64)
        let line = Array(#"garbage},"prev":"\#(hash)","schema":2,"seq":1,"type":"acknowledgement"}"#.utf8)
        #expect(EnvelopeTail.read(line[...]) != nil, "the end alone looks as the store writes it")
        #expect(ChainVerifier.envelope(of: line[...], json: JSONDecoder()) == ChainVerifier.Envelope())
        var agreement = LineDecoderAgreement()
        #expect(agreement.disagreement(line) == nil)
    }
}
