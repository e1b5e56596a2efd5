@_spi(Plumbing) import BoxAuth
import BoxAuthTestKit
import Testing
import Foundation

@Suite("RSAPublicKey")
struct RSAPublicKeyTests {
    @Test("loads the fixture public key and writes it back unchanged")
    func loads() throws {
        let text = try TestKeys.text(TestKeys.publicKeyFile)
        let key = try RSAPublicKey(pem: text)
        #expect(key.bitCount == 2048)
        #expect(try key.pem == text)
        #expect(key.description == "RSAPublicKey(2048 bits)")
    }

    @Test("loads with literal \\n escapes and CRLF line ends")
    func loadsEscapedForms() throws {
        let text = try TestKeys.text(TestKeys.publicKeyFile)
        #expect(try RSAPublicKey(pem: text.replacingOccurrences(of: "\n", with: "\\n")).bitCount == 2048)
        #expect(try RSAPublicKey(pem: text.replacingOccurrences(of: "\n", with: "\r\n")).bitCount == 2048)
    }

    @Test("an EC public key is notRSA")
    func ecIsNotRSA() throws {
        let error = #expect(throws: RSAKeyError.self) { try RSAPublicKey(pem: TestKeys.text("ec-p256-public.pem")) }
        #expect(error?.code == .notRSA)
    }

    @Test(
        "a private key, certificate or garbage is notPEM",
        arguments: ["rsa2048-pkcs8.pem", "certificate.pem", "garbage.txt"])
    func othersAreNotPEM(name: String) throws {
        let error = #expect(throws: RSAKeyError.self) { try RSAPublicKey(pem: TestKeys.text(name)) }
        #expect(error?.code == .notPEM)
    }

    @Test("rejects an empty or wrong-length signature")
    func rejectsMalformedSignatures() throws {
        let key = try TestKeys.publicKey()
        let message = Array("m".utf8)
        #expect(!key.isValidSignature([UInt8](), for: message, digest: .sha256))
        #expect(!key.isValidSignature([UInt8](repeating: 1, count: 17), for: message, digest: .sha256))
        #expect(!key.isValidSignature([UInt8](repeating: 1, count: 256), for: message, digest: .sha256))
    }
}
