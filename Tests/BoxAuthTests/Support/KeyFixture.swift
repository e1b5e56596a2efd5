import BoxAuth
import BoxAuthTestSupport

/// Names of the test-only key fixtures in `Fixtures/Keys` (see the README there).
enum KeyFixture {
    /// The format the Box Developer Console downloads: PKCS#8, PBES2, 3DES, HMAC-SHA1, 2048 iterations.
    static let boxConsole = "rsa2048-pkcs8-pbes2-des3-sha1.pem"

    /// Every encrypted encoding of the one 2048-bit test key.
    static let encrypted = [
        boxConsole,
        "rsa2048-pkcs8-pbes2-aes128-sha256.pem",
        "rsa2048-pkcs8-pbes2-aes128-sha512.pem",
        "rsa2048-pkcs8-pbes2-aes192-sha256.pem",
        "rsa2048-pkcs8-pbes2-aes192-sha512.pem",
        "rsa2048-pkcs8-pbes2-aes256-sha256.pem",
        "rsa2048-pkcs8-pbes2-aes256-sha512.pem",
        "rsa2048-pkcs8-pbes1-sha1-3des.pem",
        "rsa2048-pkcs8-pbes1-md5-des.pem",
        "rsa2048-pkcs8-scrypt.pem",
        "rsa2048-pkcs1-aes256.pem",
        "rsa2048-pkcs1-des3.pem",
    ]

    /// Every unencrypted encoding of the one 2048-bit test key.
    static let unencrypted = ["rsa2048-pkcs8.pem", "rsa2048-pkcs1.pem"]

    /// The public half of the 2048-bit test key.
    static let publicKey = "rsa2048-public.pem"

    /// The PEM text of `name`.
    static func text(_ name: String) throws -> String {
        try Fixtures.text("Keys/\(name)")
    }

    /// The 2048-bit test key, loaded from the Box Developer Console format.
    static func privateKey() throws -> RSAPrivateKey {
        try RSAPrivateKey(pem: text(boxConsole), passphrase: Secret(Fixtures.passphrase))
    }

    /// The public half of the 2048-bit test key.
    static func publicKeyValue() throws -> RSAPublicKey {
        try RSAPublicKey(pem: text(publicKey))
    }

    /// The base64 body lines of `pem` (no BEGIN/END or header lines): text that must never leak.
    static func bodyLines(of pem: String) -> [String] {
        pem.split(whereSeparator: \.isNewline).map(String.init).filter { line in
            !line.isEmpty && !line.hasPrefix("-----") && !line.contains(":")
        }
    }
}
