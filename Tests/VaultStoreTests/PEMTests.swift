import Foundation
import Testing

@testable import VaultStore

/// The PEM armour on bytes against Foundation's base64, which armoured the keys before.
@Suite("PEM armour")
struct PEMTests {
    @Test("every length from 1 to 200 bytes: Foundation's base64 in lines of 64, and read back")
    func roundTrip() {
        for count in 1...200 {
            let der = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ count) }
            let base64 = Data(der).base64EncodedString()
            let lines = stride(from: 0, to: base64.count, by: 64).map {
                String(base64.dropFirst($0).prefix(64))
            }
            let expected = "-----BEGIN TEST-----\n" + lines.joined(separator: "\n") + "\n-----END TEST-----\n"
            let armoured = PEM.encode(der, label: "TEST")
            #expect(String(decoding: armoured, as: UTF8.self) == expected, "\(count) bytes")
            #expect(PEM.decode(armoured[...], label: "TEST") == der, "\(count) bytes")
        }
    }

    @Test("malformed base64 is refused (stricter than Foundation on padding); whitespace and text around the armour are not")
    func refusals() {
        func decode(_ body: String) -> [UInt8]? {
            PEM.decode(Array("junk\n-----BEGIN K-----\n\(body)\n-----END K-----\ntrailer".utf8)[...], label: "K")
        }
        #expect(decode("TWFu") == Array("Man".utf8))
        #expect(decode(" TW\tFu\r\n") == Array("Man".utf8))
        #expect(decode("TWE=") == Array("Ma".utf8))
        #expect(decode("TQ==") == Array("M".utf8))
        for bad in ["TWF", "TQ=", "TQ===", "T===", "TQ==TQ==", "TW!u", "TWFuÿ"] {
            #expect(decode(bad) == nil, "\(bad)")
        }
        #expect(PEM.decode(Array("-----BEGIN K-----\nTWFu\n".utf8)[...], label: "K") == nil, "no END line")
        #expect(PEM.decode(Array("-----BEGIN J-----\nTWFu\n-----END J-----\n".utf8)[...], label: "K") == nil, "another label")
    }
}
