import FuzzSupport
@_spi(Fuzzing) import VaultSync

/// The readers, made once: the fuzzer runs one input at a time.
nonisolated(unsafe) var agreement = SourceAnswerAgreement()

/// An answer from AWS, or an event a feed is handed: `SourceAnswerAgreement` (and the client's
/// `AWSAnswerAgreement`, which it calls) says where a reader breaks a promise.
func check(_ bytes: [UInt8]) -> String? {
    agreement.disagreement(bytes)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAWSAnswers(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    FuzzCheck.run(data, size, check)
}

#if !FUZZING
@main enum Replay {
    static func main() { FuzzCheck.replay(check) }
}
#endif
