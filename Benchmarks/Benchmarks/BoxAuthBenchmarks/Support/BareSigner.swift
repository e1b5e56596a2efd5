import BoxAuth
import CBenchOpenSSL

/// The physical limit of a signature: OpenSSL's one-shot `EVP_DigestSign` on an `EVP_PKEY` of its
/// own (the same key material as the `RSAPrivateKey`, loaded from its unencrypted PKCS#8 PEM).
// @unchecked Sendable: the EVP_PKEY is never mutated after loading; each signature has its own context.
final class BareSigner: @unchecked Sendable {
    private let key: OpaquePointer

    init(_ privateKey: RSAPrivateKey) throws {
        let pem = Array(try privateKey.pkcs8PEM(passphrase: nil).exposedValue.utf8)
        let loaded: OpaquePointer? = pem.withUnsafeBytes { bytes in
            let bio = BIO_new_mem_buf(bytes.baseAddress, Int32(bytes.count))
            defer { BIO_free(bio) }
            return PEM_read_bio_PrivateKey(bio, nil, nil, nil)
        }
        guard let loaded else { throw BenchmarkSetupError("OpenSSL could not read the key") }
        key = loaded
    }

    deinit { EVP_PKEY_free(key) }

    /// Signs `input`; returns the signature's length so the work cannot be optimised away.
    func sign(_ input: [UInt8], algorithm: JWTAlgorithm) -> Int {
        let context = EVP_MD_CTX_new()
        defer { EVP_MD_CTX_free(context) }
        let digest: OpaquePointer? =
            switch algorithm {
            case .rs256: EVP_sha256()
            case .rs384: EVP_sha384()
            case .rs512: EVP_sha512()
            }
        var signature = [UInt8](repeating: 0, count: 512)
        var length = signature.count
        guard EVP_DigestSignInit(context, nil, digest, nil, key) == 1,
            EVP_DigestSign(context, &signature, &length, input, input.count) == 1
        else { return 0 }
        return length
    }
}

struct BenchmarkSetupError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

