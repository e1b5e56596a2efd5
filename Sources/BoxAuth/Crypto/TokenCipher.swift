import COpenSSL

/// Encrypts tokens for a store that other machines read (a database): AES-256-GCM under a key
/// derived from the app's client secret, so a reader of the store without that secret gets nothing
/// usable.
///
/// - Key: HKDF-SHA256 of the client secret, salt `box-auth token cache`, info
///   `box-auth token cache v{keyVersion} aes-256-gcm` (32 bytes).
/// - Nonce: 96 random bits per seal, never reused by design.
/// - Associated data: the cache key, so a row copied under another key does not open.
///
/// A box sealed under another key version, another secret or another key does not open: ``open(_:associatedData:)``
/// returns nil and the caller treats the token as missing.
package final class TokenCipher: Sendable, CustomStringConvertible {
    /// The key version new boxes are sealed with (the store's `key_version` column).
    package let keyVersion: Int
    // Immutable after init, zeroed in deinit; the class is the buffer's only owner.
    private let key: KeyBytes

    /// The key version of this release's derivation.
    package static let currentKeyVersion = 1

    /// A cipher keyed by `secret`.
    /// - Throws: ``TokenCipherError`` when OpenSSL cannot derive the key.
    package init(secret: Secret, keyVersion: Int = currentKeyVersion) throws(TokenCipherError) {
        self.keyVersion = keyVersion
        var secretBytes = secret.withUnsafeValue { Array($0) }
        defer { OPENSSL_cleanse(&secretBytes, secretBytes.count) }
        key = KeyBytes(
            try HKDFSHA256.derive(
                secret: secretBytes, salt: Array("box-auth token cache".utf8),
                info: Array("box-auth token cache v\(keyVersion) aes-256-gcm".utf8), count: 32))
    }

    /// Encrypts `plaintext`, binding it to `associatedData`.
    /// - Throws: ``TokenCipherError`` when OpenSSL fails.
    package func seal(_ plaintext: [UInt8], associatedData: [UInt8]) throws(TokenCipherError) -> SealedBox {
        let nonce: [UInt8]
        do { nonce = try SecureRandom.bytes(count: 12) } catch { throw .cryptoFailure("make a nonce") }
        guard let context = EVP_CIPHER_CTX_new() else { throw .cryptoFailure("encrypt a token") }
        defer { EVP_CIPHER_CTX_free(context) }
        var output = [UInt8](repeating: 0, count: plaintext.count + 16)
        var length: Int32 = 0
        var total = 0
        let sealed = key.bytes.withUnsafeBufferPointer { keyBytes -> Bool in
            guard EVP_EncryptInit_ex(context, EVP_aes_256_gcm(), nil, nil, nil) == 1,
                EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_SET_IVLEN, 12, nil) == 1,
                EVP_EncryptInit_ex(context, nil, nil, keyBytes.baseAddress, nonce) == 1,
                EVP_EncryptUpdate(context, nil, &length, associatedData, Int32(associatedData.count)) == 1,
                EVP_EncryptUpdate(context, &output, &length, plaintext, Int32(plaintext.count)) == 1
            else { return false }
            total = Int(length)
            let finished = output.withUnsafeMutableBufferPointer { buffer in
                EVP_EncryptFinal_ex(context, buffer.baseAddress! + total, &length) == 1
            }
            guard finished else { return false }
            total += Int(length)
            return output.withUnsafeMutableBufferPointer { buffer in
                EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_GET_TAG, 16, buffer.baseAddress! + total) == 1
            }
        }
        guard sealed, total == plaintext.count else {
            OpenSSLErrorQueue.clear()
            throw .cryptoFailure("encrypt a token")
        }
        return SealedBox(nonce: nonce, ciphertext: output, keyVersion: keyVersion)
    }

    /// The plaintext of `box`, or nil when it does not open (another key, version, secret or
    /// associated data, or a damaged box).
    package func open(_ box: SealedBox, associatedData: [UInt8]) -> [UInt8]? {
        guard box.keyVersion == keyVersion, box.nonce.count == 12, box.ciphertext.count >= 16,
            let context = EVP_CIPHER_CTX_new()
        else { return nil }
        defer { EVP_CIPHER_CTX_free(context) }
        let bodyCount = box.ciphertext.count - 16
        var tag = Array(box.ciphertext.suffix(16))
        var output = [UInt8](repeating: 0, count: bodyCount + 16)
        var length: Int32 = 0
        let opened = key.bytes.withUnsafeBufferPointer { keyBytes -> Bool in
            guard EVP_DecryptInit_ex(context, EVP_aes_256_gcm(), nil, nil, nil) == 1,
                EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_SET_IVLEN, 12, nil) == 1,
                EVP_DecryptInit_ex(context, nil, nil, keyBytes.baseAddress, box.nonce) == 1,
                EVP_DecryptUpdate(context, nil, &length, associatedData, Int32(associatedData.count)) == 1,
                EVP_DecryptUpdate(context, &output, &length, box.ciphertext, Int32(bodyCount)) == 1,
                Int(length) == bodyCount,
                EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_SET_TAG, 16, &tag) == 1
            else { return false }
            return output.withUnsafeMutableBufferPointer { buffer in
                EVP_DecryptFinal_ex(context, buffer.baseAddress! + bodyCount, &length) == 1
            }
        }
        guard opened else {
            OPENSSL_cleanse(&output, output.count)
            OpenSSLErrorQueue.clear()
            return nil
        }
        return Array(output.prefix(bodyCount))
    }

    /// Shows the key version only.
    package var description: String { "TokenCipher(key version \(keyVersion), <redacted>)" }
}

/// A derived key's bytes, zeroed when the last reference goes.
private final class KeyBytes: Sendable {
    let bytes: [UInt8]
    init(_ bytes: [UInt8]) { self.bytes = bytes }
    deinit {
        // The array is immutable and uniquely held here; clear its storage in place.
        bytes.withUnsafeBufferPointer { buffer in
            if let base = buffer.baseAddress { OPENSSL_cleanse(UnsafeMutableRawPointer(mutating: base), buffer.count) }
        }
    }
}

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
