import FuzzSupport
@_spi(Fuzzing) import VaultStore

/// The decoders, made once: the fuzzer runs one input at a time.
nonisolated(unsafe) var agreement = LineDecoderAgreement()

/// One store line (up to its first newline) through every fast decoder and the reference:
/// `LineDecoderAgreement` says where they part.
func check(_ bytes: [UInt8]) -> String? {
    agreement.disagreement(FuzzCheck.split(bytes, at: 0x0A).0)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStoreLines(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    FuzzCheck.run(data, size, check)
}

#if !FUZZING
@main enum Replay {
    static func main() { FuzzCheck.replay(check) }
}
#endif
