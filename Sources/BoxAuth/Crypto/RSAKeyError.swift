/// Why a private or public key could not be loaded or used.
public struct RSAKeyError: BoxAuthError, Hashable {
    /// Identifies the kind of key problem.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        /// The code's name.
        public var description: String { name }

        /// The text is not a PEM private key.
        public static let notPEM = Code("notPEM")
        /// The key is encrypted and no passphrase was given.
        public static let missingPassphrase = Code("missingPassphrase")
        /// The passphrase does not decrypt the key.
        public static let wrongPassphrase = Code("wrongPassphrase")
        /// The key is not RSA (Box accepts RSA keys only).
        public static let notRSA = Code("notRSA")
        /// The RSA key is shorter than 2048 bits.
        public static let keyTooSmall = Code("keyTooSmall")
        /// The key's encryption algorithm is not available in this OpenSSL.
        public static let unsupportedEncryption = Code("unsupportedEncryption")
        /// OpenSSL failed in another way (message included).
        public static let cryptoFailure = Code("cryptoFailure")
    }

    /// The kind of problem.
    public let code: Code
    /// What went wrong, without key material.
    public let message: String
    /// What to do.
    public let hint: String?

    /// Creates a key error.
    public init(code: Code, message: String, hint: String? = nil) {
        self.code = code
        self.message = message
        self.hint = hint
    }

    /// Always ``BoxAuthErrorCategory/configuration``.
    public var category: BoxAuthErrorCategory { .configuration }

    /// The message and hint as one paragraph.
    public var description: String { hint.map { "\(message) \($0)" } ?? message }

    static func notPEM(_ detail: String) -> Self {
        Self(
            code: .notPEM, message: "the private key is not a PEM private key (\(detail)).",
            hint:
                "Use the privateKey from the app's config.json, starting with '-----BEGIN ENCRYPTED PRIVATE KEY-----'.")
    }

    static let missingPassphrase = Self(
        code: .missingPassphrase, message: "the private key is encrypted and no passphrase was given.",
        hint: "Set the passphrase (config.json appAuth.passphrase, or the profile's 'passphrase').")

    static let wrongPassphrase = Self(
        code: .wrongPassphrase, message: "the passphrase does not decrypt the private key.",
        hint: "Check the passphrase; it is the one downloaded with the key in config.json.")

    static func notRSA(_ type: String) -> Self {
        Self(
            code: .notRSA, message: "the private key is \(type), not RSA.",
            hint: "Box accepts RSA keys only; generate a 2048-bit or larger RSA key pair.")
    }

    static func keyTooSmall(_ bits: Int) -> Self {
        Self(
            code: .keyTooSmall, message: "the RSA key has \(bits) bits; at least 2048 are required.",
            hint: "Generate a 2048-bit or larger RSA key pair and add its public key in the Developer Console.")
    }

    static func unsupportedEncryption(_ detail: String) -> Self {
        Self(
            code: .unsupportedEncryption, message: "the key's encryption is not supported by this OpenSSL (\(detail)).",
            hint: "Re-encrypt it: `openssl pkcs8 -topk8 -v2 aes-256-cbc -in old.pem -out new.pem`.")
    }

    static func cryptoFailure(_ operation: String) -> Self {
        Self(code: .cryptoFailure, message: "OpenSSL failed to \(operation) (\(OpenSSLErrorQueue.drain())).")
    }
}
