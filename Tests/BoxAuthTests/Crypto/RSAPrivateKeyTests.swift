@_spi(Plumbing) import BoxAuth
import BoxAuthTestKit
import Foundation
import Testing

@Suite("RSAPrivateKey loading")
struct RSAPrivateKeyTests {
    let passphrase = Secret(Fixtures.passphrase)
    let message = Array("header.claims".utf8)

    @Test("loads every encrypted form with the passphrase", arguments: TestKeys.encrypted)
    func loadsEncrypted(name: String) throws {
        let key = try RSAPrivateKey(pem: TestKeys.text(name), passphrase: passphrase)
        #expect(key.bitCount == 2048)
        let signature = try key.sign(message, digest: .sha256)
        #expect(signature.count == 256)
        #expect(try TestKeys.publicKey().isValidSignature(signature, for: message, digest: .sha256))
    }

    @Test("loads every unencrypted form without a passphrase", arguments: TestKeys.unencrypted)
    func loadsUnencrypted(name: String) throws {
        let key = try RSAPrivateKey(pem: TestKeys.text(name))
        #expect(key.bitCount == 2048)
        let signature = try key.sign(message, digest: .sha256)
        #expect(try TestKeys.publicKey().isValidSignature(signature, for: message, digest: .sha256))
    }

    @Test("ignores a passphrase given for an unencrypted key", arguments: TestKeys.unencrypted)
    func ignoresPassphraseForUnencrypted(name: String) throws {
        let key = try RSAPrivateKey(pem: TestKeys.text(name), passphrase: passphrase)
        #expect(key.bitCount == 2048)
    }

    @Test("the loaded key's public half is the fixture public key")
    func publicHalfMatches() throws {
        let key = try TestKeys.loadPrimary()
        let expected = try TestKeys.text(TestKeys.publicKeyFile)
        #expect(try key.publicKeyPEM() == expected)
        #expect(try key.publicKey.bitCount == 2048)
    }

    @Test("signs with every digest, verifying only with the same digest", arguments: SignatureDigest.allCases)
    func signsWithEveryDigest(digest: SignatureDigest) throws {
        let key = try TestKeys.loadPrimary()
        let publicKey = try TestKeys.publicKey()
        let signature = try key.sign(message, digest: digest)
        #expect(publicKey.isValidSignature(signature, for: message, digest: digest))
        #expect(!publicKey.isValidSignature(signature, for: Array("header.claimz".utf8), digest: digest))
        for other in SignatureDigest.allCases where other != digest {
            #expect(!publicKey.isValidSignature(signature, for: message, digest: other))
        }
    }

    @Test(
        "loads PEM written as one line with literal \\n escapes",
        arguments: [TestKeys.boxConsole, "rsa2048-pkcs1-aes256.pem", "rsa2048-pkcs1.pem"])
    func loadsEscapedNewlines(name: String) throws {
        let escaped = try TestKeys.text(name).replacingOccurrences(of: "\n", with: "\\n")
        #expect(!escaped.contains("\n"))
        let key = try RSAPrivateKey(pem: escaped, passphrase: passphrase)
        #expect(key.bitCount == 2048)
    }

    @Test(
        "loads PEM with CRLF line ends",
        arguments: [TestKeys.boxConsole, "rsa2048-pkcs1-aes256.pem", "rsa2048-pkcs1.pem"])
    func loadsCRLF(name: String) throws {
        let crlf = try TestKeys.text(name).replacingOccurrences(of: "\n", with: "\r\n")
        let key = try RSAPrivateKey(pem: crlf, passphrase: passphrase)
        #expect(key.bitCount == 2048)
    }

    @Test("loads PEM surrounded by blank space")
    func loadsWithSurroundingSpace() throws {
        let padded = "\n  \n" + (try TestKeys.text(TestKeys.boxConsole)) + "\n\n  "
        #expect(try RSAPrivateKey(pem: padded, passphrase: passphrase).bitCount == 2048)
    }

    @Test("an encrypted key without a passphrase is missingPassphrase", arguments: TestKeys.encrypted)
    func missingPassphrase(name: String) throws {
        let pem = try TestKeys.text(name)
        let error = #expect(throws: RSAKeyError.self) { try RSAPrivateKey(pem: pem) }
        #expect(error?.code == .missingPassphrase)
        let empty = #expect(throws: RSAKeyError.self) { try RSAPrivateKey(pem: pem, passphrase: Secret("")) }
        #expect(empty?.code == .missingPassphrase)
    }

    @Test("an encrypted key with a wrong passphrase is wrongPassphrase", arguments: TestKeys.encrypted)
    func wrongPassphrase(name: String) throws {
        let pem = try TestKeys.text(name)
        let error = #expect(throws: RSAKeyError.self) {
            try RSAPrivateKey(pem: pem, passphrase: Secret("not-the-passphrase"))
        }
        #expect(error?.code == .wrongPassphrase, "\(String(describing: error))")
        #expect(error?.category == .configuration)
    }

    struct Refusal: Sendable, CustomTestStringConvertible {
        let file: String
        let code: RSAKeyError.Code
        var testDescription: String { "\(file) → \(code)" }
    }

    @Test(
        "refuses keys Box cannot use, and text that is not a private key",
        arguments: [
            Refusal(file: "ec-p256-pkcs8.pem", code: .notRSA),
            Refusal(file: "ec-p256-sec1.pem", code: .notRSA),
            Refusal(file: "ed25519-pkcs8.pem", code: .notRSA),
            Refusal(file: "rsa1024-pkcs8.pem", code: .keyTooSmall),
            Refusal(file: "rsa2048-public.pem", code: .notPEM),
            Refusal(file: "ec-p256-public.pem", code: .notPEM),
            Refusal(file: "certificate.pem", code: .notPEM),
            Refusal(file: "garbage.txt", code: .notPEM),
        ])
    func refuses(refusal: Refusal) throws {
        let text = try TestKeys.text(refusal.file)
        let error = #expect(throws: RSAKeyError.self) { try RSAPrivateKey(pem: text, passphrase: passphrase) }
        #expect(error?.code == refusal.code, "\(String(describing: error))")
        let withoutPassphrase = #expect(throws: RSAKeyError.self) { try RSAPrivateKey(pem: text) }
        #expect(withoutPassphrase?.code == refusal.code)
    }

    @Test("the too-small error says how many bits the key has")
    func keyTooSmallNamesBits() throws {
        let error = #expect(throws: RSAKeyError.self) { try RSAPrivateKey(pem: TestKeys.text("rsa1024-pkcs8.pem")) }
        #expect(error?.description.contains("1024") == true)
        #expect(error?.description.contains("2048") == true)
    }

    @Test("the empty string is notPEM")
    func emptyIsNotPEM() {
        let error = #expect(throws: RSAKeyError.self) { try RSAPrivateKey(pem: "") }
        #expect(error?.code == .notPEM)
    }

    @Test("a private key block with a damaged body is notPEM", arguments: ["rsa2048-pkcs8.pem", "rsa2048-pkcs1.pem"])
    func damagedBodyIsNotPEM(name: String) throws {
        var lines = try TestKeys.text(name).split(separator: "\n").map(String.init)
        lines.removeSubrange(3..<8)
        let error = #expect(throws: RSAKeyError.self) { try RSAPrivateKey(pem: lines.joined(separator: "\n")) }
        #expect(error?.code == .notPEM, "\(String(describing: error))")
    }

    @Test(
        "a damaged encrypted key fails with a key error, even with the right passphrase",
        arguments: [TestKeys.boxConsole, "rsa2048-pkcs8-pbes2-aes256-sha256.pem", "rsa2048-pkcs1-aes256.pem"])
    func damagedEncryptedKey(name: String) throws {
        var lines = try TestKeys.text(name).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.removeSubrange(5..<8)
        let damaged = lines.joined(separator: "\n")
        let error = #expect(throws: RSAKeyError.self) { try RSAPrivateKey(pem: damaged, passphrase: passphrase) }
        #expect(error?.code != .notRSA && error?.code != .keyTooSmall, "\(String(describing: error))")
        #expect(error?.description.contains(Fixtures.passphrase) == false)
        #expect(error?.code != .unsupportedEncryption, "the hint would wrongly tell the user to re-encrypt")
    }

    @Test("error text never holds the passphrase or key material", arguments: TestKeys.encrypted)
    func errorsHoldNoSecrets(name: String) throws {
        let pem = try TestKeys.text(name)
        let body = TestKeys.bodyLines(of: pem)
        #expect(!body.isEmpty)
        var errors: [RSAKeyError] = []
        for candidate in [nil, Secret(""), Secret("wrong-\(Fixtures.passphrase)")] {
            do {
                _ = try RSAPrivateKey(pem: pem, passphrase: candidate)
                Issue.record("loaded \(name) with a bad passphrase")
            } catch {
                errors.append(error)
            }
        }
        for error in errors {
            for text in [error.description, error.message, error.hint ?? "", String(reflecting: error)] {
                #expect(!text.contains(Fixtures.passphrase))
                for line in body { #expect(!text.contains(line)) }
            }
        }
    }

    @Test("description and dump never show key material")
    func descriptionIsRedacted() throws {
        let key = try TestKeys.loadPrimary()
        var dumped = ""
        dump(key, to: &dumped)
        let body = TestKeys.bodyLines(of: try TestKeys.text("rsa2048-pkcs8.pem"))
        for text in [key.description, key.debugDescription, String(describing: key), dumped] {
            #expect(text.contains("2048"))
            for line in body { #expect(!text.contains(line)) }
        }
    }

    @Test("one key signs from many tasks at once")
    func signsConcurrently() async throws {
        let key = try TestKeys.loadPrimary()
        let publicKey = try TestKeys.publicKey()
        let results = await withTaskGroup(of: Bool.self, returning: [Bool].self) { group in
            for index in 0..<16 {
                group.addTask {
                    let message = Array("message \(index)".utf8)
                    guard let signature = try? key.sign(message, digest: .sha256) else { return false }
                    return publicKey.isValidSignature(signature, for: message, digest: .sha256)
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 16)
        #expect(results.allSatisfy { $0 })
    }
}
