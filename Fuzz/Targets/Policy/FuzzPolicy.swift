import FuzzSupport
@_spi(Fuzzing) import VaultCore

/// A policy document and a request: `PolicyAgreement` says where parsing and evaluation break a promise.
func check(_ bytes: [UInt8]) -> String? {
    PolicyAgreement.disagreement(bytes)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPolicy(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    FuzzCheck.run(data, size, check)
}

#if !FUZZING
@main enum Replay {
    static func main() { FuzzCheck.replay(check) }
}
#endif
