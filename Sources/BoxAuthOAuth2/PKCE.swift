@_spi(Plumbing) package import BoxAuth

/// Proof Key for Code Exchange (RFC 7636) with the `S256` method.
package enum PKCE {
    /// A code verifier: 32 random bytes as 43 base64url characters (RFC 7636 §4.1).
    package static func makeVerifier() throws -> Secret {
        Secret(Base64URL.encode(try SecureRandom.bytes(count: 32)))
    }

    /// `BASE64URL(SHA256(verifier))`, the `code_challenge` for `S256` (RFC 7636 §4.2).
    package static func challenge(for verifier: Secret) -> String {
        Base64URL.encode(SHA256Digest.digest(Array(verifier.exposedValue.utf8)))
    }
}
