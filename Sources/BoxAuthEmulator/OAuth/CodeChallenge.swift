@_spi(Plumbing) import BoxAuth

/// PKCE's `S256` transformation (RFC 7636 §4.2): how the emulator checks a `code_verifier` against
/// the `code_challenge` of the authorization request, with the core's SHA-256.
enum CodeChallenge {
    /// The characters a verifier may use (RFC 7636 §4.1: unreserved).
    private static let verifierCharacters = Set(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)

    /// `BASE64URL(SHA256(ASCII(verifier)))`, or nil when `verifier` is not 43 to 128 unreserved
    /// characters.
    static func s256(verifier: String) -> String? {
        let bytes = Array(verifier.utf8)
        guard (43...128).contains(bytes.count), bytes.allSatisfy(verifierCharacters.contains) else { return nil }
        let digest = SHA256Digest.digest(bytes)
        guard digest.count == 32 else { return nil }
        return Base64URL.encode(digest)
    }

    /// Whether `challenge` can be an `S256` challenge: base64url of 32 bytes (43 characters).
    static func isWellFormed(_ challenge: String) -> Bool {
        Base64URL.decode(challenge)?.count == 32
    }
}
