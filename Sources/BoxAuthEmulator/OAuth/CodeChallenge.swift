import BoxAuth
import COpenSSL

/// PKCE's `S256` transformation (RFC 7636 §4.2): how the emulator checks a `code_verifier` against
/// the `code_challenge` of the authorization request.
///
/// SHA-256 comes from the system OpenSSL the core already links (the emulator's own target does not
/// name `COpenSSL`; the module is visible through `BoxAuth`).
enum CodeChallenge {
    /// The characters a verifier may use (RFC 7636 §4.1: unreserved).
    private static let verifierCharacters = Set(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)

    /// `BASE64URL(SHA256(ASCII(verifier)))`, or nil when `verifier` is not 43 to 128 unreserved
    /// characters.
    static func s256(verifier: String) -> String? {
        let bytes = Array(verifier.utf8)
        guard (43...128).contains(bytes.count), bytes.allSatisfy(verifierCharacters.contains) else { return nil }
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        guard EVP_Digest(bytes, bytes.count, &digest, &length, EVP_sha256(), nil) == 1, length == 32 else {
            return nil
        }
        return Base64URL.encode(digest.prefix(32))
    }

    /// Whether `challenge` can be an `S256` challenge: base64url of 32 bytes (43 characters).
    static func isWellFormed(_ challenge: String) -> Bool {
        Base64URL.decode(challenge)?.count == 32
    }
}
