@testable import BoxAuth
import Testing

@Suite("TokenCipher")
struct TokenCipherTests {
    let plaintext = Array("an access token".utf8)
    let key = Array("https://api.box.com\nclient\nenterprise\n1".utf8)

    @Test("sealed boxes open with the same secret and key only")
    func roundTrip() throws {
        let cipher = try TokenCipher(secret: Secret("client-secret"))
        let box = try cipher.seal(plaintext, associatedData: key)
        #expect(box.nonce.count == 12)
        #expect(box.ciphertext.count == plaintext.count + 16)
        #expect(!box.ciphertext.starts(with: plaintext))
        #expect(cipher.open(box, associatedData: key) == plaintext)
        #expect(cipher.open(box, associatedData: key + [0]) == nil)
        #expect(try TokenCipher(secret: Secret("other-secret")).open(box, associatedData: key) == nil)
        #expect(try TokenCipher(secret: Secret("client-secret"), keyVersion: 2).open(box, associatedData: key) == nil)
        var tampered = box
        tampered.ciphertext[0] ^= 1
        #expect(cipher.open(tampered, associatedData: key) == nil)
        #expect(try cipher.seal(plaintext, associatedData: key).nonce != box.nonce)
        #expect(!"\(cipher)".contains("client-secret"))
    }

    @Test("HKDF-SHA256 matches RFC 5869's first test vector")
    func hkdfVector() throws {
        let ikm = [UInt8](repeating: 0x0b, count: 22)
        let salt: [UInt8] = Array(0x00...0x0c)
        let info: [UInt8] = Array(0xf0...0xf9)
        let okm = try HKDFSHA256.derive(secret: ikm, salt: salt, info: info, count: 42)
        let hex = okm.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        #expect(hex == "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865")
    }
}
