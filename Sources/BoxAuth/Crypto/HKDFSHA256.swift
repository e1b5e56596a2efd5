import COpenSSL

/// HKDF with SHA-256 (RFC 5869) through OpenSSL: derives keys from a secret that is not itself a
/// uniformly random key (an app's client secret).
package enum HKDFSHA256 {
    /// `count` bytes derived from `secret` with `salt` and `info`.
    /// - Throws: ``TokenCipherError`` when OpenSSL fails.
    package static func derive(
        secret: [UInt8], salt: [UInt8], info: [UInt8], count: Int
    ) throws(TokenCipherError) -> [UInt8] {
        guard let context = EVP_PKEY_CTX_new_id(EVP_PKEY_HKDF, nil) else { throw .cryptoFailure("create HKDF") }
        defer { EVP_PKEY_CTX_free(context) }
        var output = [UInt8](repeating: 0, count: count)
        var length = count
        guard EVP_PKEY_derive_init(context) == 1,
            EVP_PKEY_CTX_set_hkdf_md(context, EVP_sha256()) == 1,
            EVP_PKEY_CTX_set1_hkdf_salt(context, salt, Int32(salt.count)) == 1,
            EVP_PKEY_CTX_set1_hkdf_key(context, secret, Int32(secret.count)) == 1,
            EVP_PKEY_CTX_add1_hkdf_info(context, info, Int32(info.count)) == 1,
            EVP_PKEY_derive(context, &output, &length) == 1, length == count
        else {
            OpenSSLErrorQueue.clear()
            throw .cryptoFailure("derive a key with HKDF")
        }
        return output
    }
}
