@_spi(Plumbing) import BoxAuth
import Foundation
import Testing

@Suite("Base64URL")
struct Base64URLTests {
    @Test("round-trips every length from 0 to 64 bytes", arguments: 0...64)
    func roundTrip(length: Int) throws {
        // Bytes that hit the `+` and `/` positions of standard base64 (0xfb, 0xff) as well as zero.
        let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 0xfb) }
        let encoded = Base64URL.encode(bytes)
        #expect(!encoded.contains("="))
        #expect(!encoded.contains("+"))
        #expect(!encoded.contains("/"))
        #expect(encoded.count == (length * 4 + 2) / 3)
        #expect(Base64URL.decode(encoded) == bytes)
        // The same bytes through Foundation's base64, made URL-safe and unpadded.
        let reference = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        #expect(encoded == reference)
    }

    @Test("uses - and _ where standard base64 has + and /")
    func urlSafeAlphabet() {
        #expect(Base64URL.encode([0xfb, 0xff, 0xbf]) == "-_-_")
        #expect(Base64URL.decode("-_-_") == [0xfb, 0xff, 0xbf])
    }

    @Test(
        "known vectors from RFC 4648",
        arguments: [
            ("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"), ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ])
    func vectors(plain: String, encoded: String) {
        #expect(Base64URL.encode(Array(plain.utf8)) == encoded)
        #expect(Base64URL.decode(encoded) == Array(plain.utf8))
    }

    @Test("decode accepts a Substring")
    func decodesSubstring() {
        let text = "xx.Zm9v.yy"
        let part = text.split(separator: ".")[1]
        #expect(Base64URL.decode(part) == Array("foo".utf8))
    }

    @Test(
        "decode rejects text that is not base64url",
        arguments: [
            "Z", "Zm9vY", "Zg==", "Zg=", "Zm 9v", "Zm9v\n", "Zm9v!", "Zm9v*", "Zm+v", "Zm/v", "Zé9v", "....",
        ])
    func rejectsInvalid(text: String) {
        #expect(Base64URL.decode(text) == nil)
    }
}
