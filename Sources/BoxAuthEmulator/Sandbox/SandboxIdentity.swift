public import BoxAuth

/// The app an ``EmulatorSandbox`` registers and writes to `box_config.json`: its client
/// credentials, its encrypted key pair and its enterprise.
///
/// Pass one to ``EmulatorSandbox/start(configuration:identity:listening:)`` to reuse a committed
/// test key instead of generating a 2048-bit RSA key every time:
///
/// ```swift
/// let identity = SandboxIdentity(
///     clientID: "sandboxtestclient", clientSecret: Secret("test-secret"), publicKeyID: "test-key-1",
///     privateKeyPEM: Secret(try Fixtures.text("Keys/rsa2048-pkcs8-pbes2-des3-sha1.pem")),
///     passphrase: Secret(Fixtures.passphrase))
/// let sandbox = try await EmulatorSandbox.start(identity: identity, listening: false)
/// ```
/// Secrets are redacted in `description`, `debugDescription` and `dump`.
public struct SandboxIdentity: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The app's client ID.
    public var clientID: String
    /// The app's client secret.
    public var clientSecret: Secret
    /// The ID the public key is registered under (the assertions' `kid`).
    public var publicKeyID: String
    /// The private key: an encrypted PKCS#8 PEM (`BEGIN ENCRYPTED PRIVATE KEY`).
    public var privateKeyPEM: Secret
    /// The passphrase of ``privateKeyPEM``.
    public var passphrase: Secret
    /// The enterprise the app belongs to.
    public var enterpriseID: String

    /// Creates an identity from existing values.
    /// - Parameter enterpriseID: Defaults to ``EmulatorSandbox/enterpriseID``.
    public init(
        clientID: String, clientSecret: Secret, publicKeyID: String, privateKeyPEM: Secret, passphrase: Secret,
        enterpriseID: String = EmulatorSandbox.enterpriseID
    ) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.publicKeyID = publicKeyID
        self.privateKeyPEM = privateKeyPEM
        self.passphrase = passphrase
        self.enterpriseID = enterpriseID
    }

    /// A fresh identity: random client credentials and passphrase, and a new 2048-bit RSA key
    /// (which takes a moment on a small machine).
    /// - Throws: `RSAKeyError` when the key or random bytes cannot be had from OpenSSL.
    public static func generate() throws(RSAKeyError) -> SandboxIdentity {
        let passphrase = Secret(try SecureRandom.hex(byteCount: 16))
        let key = try RSAPrivateKey.generate(bits: 2048)
        return SandboxIdentity(
            clientID: "sandbox\(try SecureRandom.hex(byteCount: 12))",
            clientSecret: Secret(try SecureRandom.hex(byteCount: 16)),
            publicKeyID: "sandbox-key-1", privateKeyPEM: try key.pkcs8PEM(passphrase: passphrase),
            passphrase: passphrase)
    }

    /// The app as a Box `config.json` describes it.
    var config: BoxAppConfig {
        BoxAppConfig(
            clientID: clientID, clientSecret: clientSecret, publicKeyID: publicKeyID, privateKey: privateKeyPEM,
            passphrase: passphrase, enterpriseID: enterpriseID)
    }

    /// Shows the IDs only.
    public var description: String {
        "SandboxIdentity(clientID: \(clientID), publicKeyID: \(publicKeyID), enterpriseID: \(enterpriseID), "
            + "clientSecret: <redacted>, privateKeyPEM: <redacted>, passphrase: <redacted>)"
    }
    /// Same as ``description``.
    public var debugDescription: String { description }
    /// A mirror without children, so `dump` cannot reveal the secrets.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
