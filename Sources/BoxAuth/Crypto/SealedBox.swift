/// An AES-256-GCM ciphertext with its nonce and authentication tag, as a shared store keeps it.
package struct SealedBox: Sendable, Hashable {
    /// The 96-bit random nonce.
    package var nonce: [UInt8]
    /// The ciphertext followed by the 128-bit tag.
    package var ciphertext: [UInt8]
    /// Which key version sealed it (see ``TokenCipher/keyVersion``).
    package var keyVersion: Int

    /// A box from its stored parts.
    package init(nonce: [UInt8], ciphertext: [UInt8], keyVersion: Int) {
        self.nonce = nonce
        self.ciphertext = ciphertext
        self.keyVersion = keyVersion
    }
}
