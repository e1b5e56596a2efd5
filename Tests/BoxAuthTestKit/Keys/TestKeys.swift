public import BoxAuth

/// The committed test-only keys of `Fixtures/Keys` (see the README there), loaded once per test
/// process. No test generates an RSA key, except the tests of key generation itself.
public enum TestKeys {
    /// The format the Box Developer Console downloads: PKCS#8, PBES2, 3DES, HMAC-SHA1, 2048 iterations.
    public static let boxConsole = "rsa2048-pkcs8-pbes2-des3-sha1.pem"

    /// Every encrypted encoding of the one 2048-bit test key.
    public static let encrypted = [
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
    public static let unencrypted = ["rsa2048-pkcs8.pem", "rsa2048-pkcs1.pem"]

    /// The public half of the 2048-bit test key.
    public static let publicKeyFile = "rsa2048-public.pem"

    /// A second 2048-bit key that no test app knows (bad signatures, second keys).
    public static let otherKeyFile = "rsa2048-other-pkcs8.pem"

    /// The PEM text of key file `name`.
    public static func text(_ name: String) throws -> String {
        try Fixtures.text("Keys/\(name)")
    }

    /// The test app's key (the 2048-bit test key), decrypted once per process.
    public static var primary: RSAPrivateKey {
        get throws { try loadedPrimary.get() }
    }

    /// A key no test app knows, loaded once per process.
    public static var other: RSAPrivateKey {
        get throws { try loadedOther.get() }
    }

    /// The public half of the 2048-bit test key.
    public static func publicKey() throws -> RSAPublicKey {
        try RSAPublicKey(pem: text(publicKeyFile))
    }

    /// The 2048-bit test key, loaded anew from the Box Developer Console format.
    public static func loadPrimary() throws -> RSAPrivateKey {
        try RSAPrivateKey(pem: text(boxConsole), passphrase: Secret(Fixtures.passphrase))
    }

    /// The base64 body lines of `pem` (no BEGIN/END or header lines): text that must never leak.
    public static func bodyLines(of pem: String) -> [String] {
        pem.split(whereSeparator: \.isNewline).map(String.init).filter { line in
            !line.isEmpty && !line.hasPrefix("-----") && !line.contains(":")
        }
    }

    private static let loadedPrimary = Result { try loadPrimary() }
    private static let loadedOther = Result { try RSAPrivateKey(pem: text(otherKeyFile)) }
}
