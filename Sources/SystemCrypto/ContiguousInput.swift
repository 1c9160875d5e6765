/// `bytes` as one contiguous buffer whose base address is never nil (libcrypto takes a null pointer
/// with a zero length in some calls and not in others): arrays, slices and `Data` as they are, any
/// other sequence copied first.
func withContiguousInput<Bytes: Sequence<UInt8>, Result>(
    _ bytes: Bytes, _ body: (UnsafeRawBufferPointer) -> Result
) -> Result {
    let direct = bytes.withContiguousStorageIfAvailable { buffer in
        buffer.isEmpty ? withEmptyInput(body) : body(UnsafeRawBufferPointer(buffer))
    }
    if let direct { return direct }
    return Array(bytes).withUnsafeBytes { $0.isEmpty ? withEmptyInput(body) : body($0) }
}

private func withEmptyInput<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result {
    var placeholder: UInt8 = 0
    return withUnsafeBytes(of: &placeholder) { body(UnsafeRawBufferPointer(rebasing: $0.prefix(0))) }
}
