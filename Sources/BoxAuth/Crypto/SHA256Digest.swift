import COpenSSL

/// SHA-256 through OpenSSL (PKCE challenges, cache key hashes).
package enum SHA256Digest {
    /// The 32-byte digest of `bytes`.
    package static func digest(_ bytes: some Collection<UInt8>) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let input = Array(bytes)
        _ = EVP_Digest(input, input.count, &digest, &length, EVP_sha256(), nil)
        return Array(digest.prefix(Int(length)))
    }
}
