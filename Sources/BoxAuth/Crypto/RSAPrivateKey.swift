import COpenSSL
public import Foundation
import Synchronization

/// An RSA private key loaded once through OpenSSL, used to sign JWT assertions.
///
/// Loads every PEM form Box apps meet: encrypted PKCS#8 (PBES2 with AES or 3DES and any HMAC-SHA
/// PRF, PBES1, scrypt), PKCS#1 with a legacy `Proc-Type: 4,ENCRYPTED` header, and unencrypted
/// PKCS#8 and PKCS#1. Literal `\n` escapes and CRLF line ends are accepted. Keys shorter than 2048
/// bits and non-RSA keys are refused.
///
/// ```swift
/// let key = try RSAPrivateKey(pem: config.privateKey, passphrase: config.passphrase)
/// let signature = try key.sign(Array("header.claims".utf8), digest: .sha256)
/// ```
// @unchecked Sendable: wraps an EVP_PKEY that is never mutated after loading; OpenSSL 3 allows
// a const EVP_PKEY to be used from several threads at once, each operation with its own context.
public final class RSAPrivateKey: @unchecked Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    let handle: OpaquePointer

    /// The smallest key size accepted.
    public static let minimumBits = 2048

    /// The modulus size in bits.
    public let bitCount: Int

    /// The largest signature the key makes, in bytes (the modulus size).
    private let signatureLength: Int

    init(taking handle: OpaquePointer) throws(RSAKeyError) {
        self.handle = handle
        guard EVP_PKEY_get_base_id(handle) == EVP_PKEY_RSA else {
            let name = EVP_PKEY_get0_type_name(handle).map { String(cString: $0) } ?? "not RSA"
            // deinit does not run for an instance that is not fully initialized: free it here.
            EVP_PKEY_free(handle)
            throw .notRSA(name)
        }
        bitCount = Int(EVP_PKEY_get_bits(handle))
        signatureLength = Int(EVP_PKEY_get_size(handle))
        guard bitCount >= Self.minimumBits else { throw .keyTooSmall(bitCount) }
    }

    deinit { EVP_PKEY_free(handle) }

    /// How many encrypted keys this process has decrypted so far, so that tests and benchmarks can
    /// show that a provider decrypts its key once however often it refreshes.
    @_spi(Instrumentation) public static var decryptionCount: Int { decryptions.load(ordering: .relaxed) }
    private static let decryptions = Atomic<Int>(0)

    /// Loads a PEM private key, decrypting it with `passphrase` when it is encrypted.
    /// - Throws: ``RSAKeyError`` naming the problem (not PEM, missing or wrong passphrase, not RSA,
    ///   under 2048 bits, unsupported encryption).
    public convenience init(pem: String, passphrase: Secret? = nil) throws(RSAKeyError) {
        let pem = PEMText(pem)
        guard let label = pem.label else { throw .notPEM("no '-----BEGIN ... PRIVATE KEY-----' block found") }
        switch label {
        case "PRIVATE KEY", "RSA PRIVATE KEY", "ENCRYPTED PRIVATE KEY": break
        case "EC PRIVATE KEY": throw .notRSA("EC")
        default: throw .notPEM("found a \(MessageText.quoted(label)) block, expected a private key")
        }
        let passphrase = passphrase.flatMap { $0.isEmpty ? nil : $0 }
        if pem.isEncrypted, passphrase == nil { throw .missingPassphrase }
        let handle = try Self.decode(pem, passphrase: passphrase)
        if pem.isEncrypted { Self.decryptions.add(1, ordering: .relaxed) }
        try self.init(taking: handle)
    }

    private static func decode(_ pem: PEMText, passphrase: Secret?) throws(RSAKeyError) -> OpaquePointer {
        var failure: DecodeFailure
        do { return try readPrivateKey(pem.text, passphrase: passphrase) } catch { failure = error }
        // PBES1 and other old ciphers live in OpenSSL's legacy provider: load it once and retry. The
        // retry's error is the one explained (OpenSSL reads each key at most twice, so a wrong
        // passphrase runs the key derivation at most twice).
        if LegacyCiphers.loadOnce() {
            do { return try readPrivateKey(pem.text, passphrase: passphrase) } catch { failure = error }
        }
        let detail = failure.detail
        // A damaged PKCS#8 block also fails as "unsupported": it is damaged, not unsupported,
        // when its encrypted structure does not even parse (before any decryption).
        if pem.label == "ENCRYPTED PRIVATE KEY", !isWellFormedEncryptedPKCS8(pem.text) {
            throw .notPEM("the encrypted key block is damaged: \(detail)")
        }
        if pem.isEncrypted, detail.localizedCaseInsensitiveContains("bad decrypt") { throw .wrongPassphrase }
        // Decrypted bytes that are not a key also fail as "unsupported", with ASN.1 errors
        // beside it; unsupported encryption fails without any ("unsupported cipher", "unsupported prf").
        if pem.isEncrypted, Self.asn1DecodeReasons.contains(where: { detail.localizedCaseInsensitiveContains($0) }) {
            throw .notPEM(
                "the key decrypts to bytes that are not a key: it is damaged, or the passphrase is wrong (\(detail))")
        }
        // OpenSSL 3 also says "unsupported" when no decoder understands the bytes, so only an
        // encrypted key can have unsupported encryption; a damaged unencrypted key is notPEM.
        if pem.isEncrypted, detail.localizedCaseInsensitiveContains("unsupported") {
            throw .unsupportedEncryption(detail)
        }
        if pem.isEncrypted { throw .wrongPassphrase }
        throw .notPEM("OpenSSL could not decode it: \(detail)")
    }

    private struct DecodeFailure: Error { let detail: String }

    /// OpenSSL error reasons that mean the bytes are not well-formed DER.
    private static let asn1DecodeReasons = [
        "asn1", "wrong tag", "bad object header", "too long", "decode error", "not enough data",
    ]

    /// Whether an `ENCRYPTED PRIVATE KEY` block parses as PKCS#8 `EncryptedPrivateKeyInfo`
    /// (algorithm and ciphertext), which needs no passphrase. Leaves OpenSSL's error queue as it was.
    private static func isWellFormedEncryptedPKCS8(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { pemBytes in
            guard let bio = BIO_new_mem_buf(pemBytes.baseAddress, Int32(pemBytes.count)) else { return true }
            defer { BIO_free(bio) }
            ERR_set_mark()
            defer { ERR_pop_to_mark() }
            guard let structure = PEM_read_bio_PKCS8(bio, nil, box_auth_passphrase_callback, nil) else { return false }
            X509_SIG_free(structure)
            return true
        }
    }

    private static func readPrivateKey(_ text: String, passphrase: Secret?) throws(DecodeFailure) -> OpaquePointer {
        OpenSSLErrorQueue.clear()
        var utf8 = Array(text.utf8)
        defer { utf8.withUnsafeMutableBytes { _ = $0.initializeMemory(as: UInt8.self, repeating: 0) } }
        let handle: OpaquePointer? = utf8.withUnsafeBytes { pemBytes in
            guard let bio = BIO_new_mem_buf(pemBytes.baseAddress, Int32(pemBytes.count)) else { return nil }
            defer { BIO_free(bio) }
            guard let passphrase else {
                return PEM_read_bio_PrivateKey(bio, nil, box_auth_passphrase_callback, nil)
            }
            return passphrase.withUnsafeValue { secretBytes in
                var context = box_auth_passphrase(
                    bytes: secretBytes.baseAddress?.assumingMemoryBound(to: CChar.self),
                    length: Int32(secretBytes.count))
                return PEM_read_bio_PrivateKey(bio, nil, box_auth_passphrase_callback, &context)
            }
        }
        guard let handle else { throw DecodeFailure(detail: OpenSSLErrorQueue.drain()) }
        return handle
    }

    /// Signs `message` with RSASSA-PKCS1-v1_5 over `digest`.
    /// - Returns: The signature, as many bytes as the modulus.
    @_spi(Plumbing) public func sign(_ message: some ContiguousBytes, digest: SignatureDigest) throws(RSAKeyError) -> [UInt8] {
        guard let context = EVP_MD_CTX_new() else { throw .cryptoFailure("allocate a digest context") }
        defer { EVP_MD_CTX_free(context) }
        // A one-shot signature: without this flag OpenSSL finishes on a copy of the whole context.
        EVP_MD_CTX_set_flags(context, EVP_MD_CTX_FLAG_FINALISE)
        guard EVP_DigestSignInit(context, nil, digest.messageDigest, nil, handle) == 1 else {
            throw .cryptoFailure("start a signature")
        }
        var length = signatureLength
        var signature = [UInt8](repeating: 0, count: length)
        let status = message.withUnsafeBytes { bytes in
            signature.withUnsafeMutableBufferPointer { output in
                EVP_DigestSign(
                    context, output.baseAddress, &length, bytes.baseAddress?.assumingMemoryBound(to: UInt8.self),
                    bytes.count)
            }
        }
        guard status == 1 else { throw .cryptoFailure("sign") }
        if length < signature.count { signature.removeSubrange(length...) }
        return signature
    }

    /// The matching public key.
    public var publicKey: RSAPublicKey {
        get throws(RSAKeyError) {
            try RSAPublicKey(pem: try publicKeyPEM())
        }
    }

    /// Never shows key material.
    public var description: String { "RSAPrivateKey(\(bitCount) bits, <redacted>)" }
    /// Never shows key material.
    public var debugDescription: String { description }
}
