import COpenSSL

extension RSAPrivateKey {
    /// Generates a new RSA key pair (for the demo, `keys generate` and tests).
    /// - Parameter bits: The modulus size, 2048 or more.
    public static func generate(bits: Int = 2048) throws(RSAKeyError) -> RSAPrivateKey {
        guard bits >= minimumBits else { throw .keyTooSmall(bits) }
        guard let context = EVP_PKEY_CTX_new_from_name(nil, "RSA", nil) else {
            throw .cryptoFailure("create a key generation context")
        }
        defer { EVP_PKEY_CTX_free(context) }
        var handle: OpaquePointer?
        guard EVP_PKEY_keygen_init(context) == 1,
            EVP_PKEY_CTX_set_rsa_keygen_bits(context, Int32(bits)) == 1,
            EVP_PKEY_generate(context, &handle) == 1,
            let handle
        else { throw .cryptoFailure("generate an RSA key") }
        return try RSAPrivateKey(taking: handle)
    }

    /// The key as PKCS#8 PEM: `ENCRYPTED PRIVATE KEY` (PBES2, AES-256-CBC) with a passphrase,
    /// `PRIVATE KEY` without.
    public func pkcs8PEM(passphrase: Secret?) throws(RSAKeyError) -> Secret {
        let text = try MemoryBIO.write { bio in
            guard let passphrase, !passphrase.isEmpty else {
                return PEM_write_bio_PKCS8PrivateKey(bio, handle, nil, nil, 0, nil, nil)
            }
            return passphrase.withUnsafeValue { bytes in
                var copy = Array(bytes.bindMemory(to: CChar.self))
                defer { copy.withUnsafeMutableBytes { _ = $0.initializeMemory(as: UInt8.self, repeating: 0) } }
                return PEM_write_bio_PKCS8PrivateKey(
                    bio, handle, EVP_aes_256_cbc(), &copy, Int32(copy.count), nil, nil)
            }
        }
        return Secret(text)
    }

    /// The public half as a `PUBLIC KEY` PEM, for the Developer Console or the emulator.
    public func publicKeyPEM() throws(RSAKeyError) -> String {
        try MemoryBIO.write { PEM_write_bio_PUBKEY($0, handle) }
    }
}
