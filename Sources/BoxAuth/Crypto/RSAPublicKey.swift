import COpenSSL
package import Foundation

/// An RSA public key, used to verify assertion signatures (the emulator, tests).
// @unchecked Sendable: wraps an EVP_PKEY that is never mutated after loading; OpenSSL 3 allows
// concurrent verification with one const EVP_PKEY, each operation with its own context.
public final class RSAPublicKey: @unchecked Sendable, CustomStringConvertible {
    let handle: OpaquePointer

    /// The modulus size in bits.
    public let bitCount: Int

    /// Loads a `-----BEGIN PUBLIC KEY-----` (SubjectPublicKeyInfo) PEM.
    /// - Throws: ``RSAKeyError`` when the text is not an RSA public key.
    public init(pem: String) throws(RSAKeyError) {
        let text = PEMText(pem)
        guard text.label == "PUBLIC KEY" else { throw .notPEM("expected a '-----BEGIN PUBLIC KEY-----' block") }
        OpenSSLErrorQueue.clear()
        let utf8 = Array(text.text.utf8)
        let handle: OpaquePointer? = utf8.withUnsafeBytes { bytes in
            guard let bio = BIO_new_mem_buf(bytes.baseAddress, Int32(bytes.count)) else { return nil }
            defer { BIO_free(bio) }
            return PEM_read_bio_PUBKEY(bio, nil, nil, nil)
        }
        guard let handle else { throw .notPEM("OpenSSL could not decode it: \(OpenSSLErrorQueue.drain())") }
        self.handle = handle
        guard EVP_PKEY_get_base_id(handle) == EVP_PKEY_RSA else {
            EVP_PKEY_free(handle)
            throw .notRSA("not an RSA key")
        }
        bitCount = Int(EVP_PKEY_get_bits(handle))
    }

    deinit { EVP_PKEY_free(handle) }

    /// Whether `signature` is a valid RSASSA-PKCS1-v1_5 signature of `message` over `digest`.
    package func isValidSignature(
        _ signature: some ContiguousBytes, for message: some ContiguousBytes, digest: SignatureDigest
    ) -> Bool {
        guard let context = EVP_MD_CTX_new() else { return false }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestVerifyInit(context, nil, digest.messageDigest, nil, handle) == 1 else { return false }
        let result = signature.withUnsafeBytes { signatureBytes in
            message.withUnsafeBytes { messageBytes in
                EVP_DigestVerify(
                    context,
                    signatureBytes.baseAddress?.assumingMemoryBound(to: UInt8.self), signatureBytes.count,
                    messageBytes.baseAddress?.assumingMemoryBound(to: UInt8.self), messageBytes.count)
            }
        }
        OpenSSLErrorQueue.clear()
        return result == 1
    }

    /// The key as a `PUBLIC KEY` PEM.
    public var pem: String {
        get throws(RSAKeyError) { try MemoryBIO.write { PEM_write_bio_PUBKEY($0, handle) } }
    }

    /// Shows the size only.
    public var description: String { "RSAPublicKey(\(bitCount) bits)" }
}
