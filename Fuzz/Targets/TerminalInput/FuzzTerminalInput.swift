import FuzzSupport
@_spi(Fuzzing) import VaultTerminal

/// What `get_wch` could return, read after read: `TerminalInputAgreement` says where the key and
/// paste decoders break a promise.
func check(_ bytes: [UInt8]) -> String? {
    TerminalInputAgreement.disagreement(bytes)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTerminalInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    FuzzCheck.run(data, size, check)
}

#if !FUZZING
@main enum Replay {
    static func main() { FuzzCheck.replay(check) }
}
#endif
