import FuzzSupport
@_spi(Fuzzing) import VaultCore

/// An EventBridge pattern and an event: `EventPatternAgreement` says where parsing, compiling and
/// matching break a promise.
func check(_ bytes: [UInt8]) -> String? {
    EventPatternAgreement.disagreement(bytes)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEventPattern(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    FuzzCheck.run(data, size, check)
}

#if !FUZZING
@main enum Replay {
    static func main() { FuzzCheck.replay(check) }
}
#endif
