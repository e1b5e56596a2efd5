/// A failure to encrypt a token for a shared store (OpenSSL refused an operation).
///
/// Decryption failures are not errors: ``TokenCipher/open(_:associatedData:)`` returns nil, and a
/// store treats the row as missing.
package struct TokenCipherError: BoxAuthError {
    /// The operation that failed, e.g. "encrypt a token".
    package let operation: String

    /// A failure of `operation`.
    package static func cryptoFailure(_ operation: String) -> Self { Self(operation: operation) }

    /// The error is in this machine's OpenSSL, not the input.
    package var category: BoxAuthErrorCategory { .unavailable }

    /// One actionable sentence, with no secret in it.
    package var description: String {
        "OpenSSL cannot \(operation) for the shared token cache. Check that the system's OpenSSL 3 "
            + "supports AES-256-GCM and HKDF, or use \"cache\": \"file\"."
    }
}
