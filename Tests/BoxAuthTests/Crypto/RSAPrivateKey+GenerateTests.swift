@_spi(Plumbing) import BoxAuth
import BoxAuthTestKit
import Testing

@Suite("RSAPrivateKey generation and export")
struct RSAPrivateKeyGenerateTests {
    let message = Array("header.claims".utf8)

    @Test("a generated key exports as encrypted PKCS#8 and loads back with the passphrase")
    func encryptedRoundTrip() throws {
        let key = try RSAPrivateKey.generate()
        #expect(key.bitCount == 2048)
        let passphrase = Secret("round-trip-passphrase")
        let pem = try key.pkcs8PEM(passphrase: passphrase).exposedValue
        #expect(pem.hasPrefix("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"))
        #expect(pem.hasSuffix("-----END ENCRYPTED PRIVATE KEY-----\n"))

        let reloaded = try RSAPrivateKey(pem: pem, passphrase: passphrase)
        #expect(try reloaded.publicKeyPEM() == key.publicKeyPEM())
        let signature = try reloaded.sign(message, digest: .sha256)
        #expect(try key.publicKey.isValidSignature(signature, for: message, digest: .sha256))

        let missing = #expect(throws: RSAKeyError.self) { try RSAPrivateKey(pem: pem) }
        #expect(missing?.code == .missingPassphrase)
        let wrong = #expect(throws: RSAKeyError.self) { try RSAPrivateKey(pem: pem, passphrase: Secret("nope")) }
        #expect(wrong?.code == .wrongPassphrase)
    }

    @Test(
        "without a passphrase (nil or empty) the export is an unencrypted PKCS#8 key",
        arguments: [Secret?.none, Secret("")])
    func unencryptedRoundTrip(passphrase: Secret?) throws {
        let key = try RSAPrivateKey.generate()
        let pem = try key.pkcs8PEM(passphrase: passphrase).exposedValue
        #expect(pem.hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
        let reloaded = try RSAPrivateKey(pem: pem)
        #expect(try reloaded.publicKeyPEM() == key.publicKeyPEM())
    }

    @Test("publicKeyPEM loads as an RSAPublicKey that verifies the key's signatures")
    func publicKeyPEMLoads() throws {
        let key = try RSAPrivateKey.generate()
        let pem = try key.publicKeyPEM()
        #expect(pem.hasPrefix("-----BEGIN PUBLIC KEY-----\n"))
        let publicKey = try RSAPublicKey(pem: pem)
        #expect(publicKey.bitCount == 2048)
        let signature = try key.sign(message, digest: .sha512)
        #expect(publicKey.isValidSignature(signature, for: message, digest: .sha512))
        #expect(!(try TestKeys.publicKey()).isValidSignature(signature, for: message, digest: .sha512))
    }

    @Test("two generated keys differ")
    func keysDiffer() throws {
        #expect(try RSAPrivateKey.generate().publicKeyPEM() != RSAPrivateKey.generate().publicKeyPEM())
    }

    @Test("a larger key can be generated")
    func largerKey() throws {
        #expect(try RSAPrivateKey.generate(bits: 3072).bitCount == 3072)
    }

    @Test("refuses to generate a key under 2048 bits", arguments: [512, 1024, 2047])
    func refusesSmallKeys(bits: Int) {
        let error = #expect(throws: RSAKeyError.self) { try RSAPrivateKey.generate(bits: bits) }
        #expect(error?.code == .keyTooSmall)
    }

    @Test("the exported encrypted PEM's description is redacted")
    func exportIsSecret() throws {
        let secret = try RSAPrivateKey.generate().pkcs8PEM(passphrase: Secret("p"))
        #expect(!String(describing: secret).contains("PRIVATE KEY"))
        #expect(!String(reflecting: secret).contains("PRIVATE KEY"))
    }
}
