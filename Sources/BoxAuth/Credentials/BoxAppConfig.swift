public import Foundation

/// A Box app's `config.json`, exactly as the Developer Console downloads it.
///
/// ```json
/// { "boxAppSettings": { "clientID": "...", "clientSecret": "...",
///     "appAuth": { "publicKeyID": "...", "privateKey": "-----BEGIN ENCRYPTED PRIVATE KEY-----\n...", "passphrase": "..." } },
///   "enterpriseID": "1234567" }
/// ```
/// Other members Box writes (such as `webhooks`) are ignored.
public struct BoxAppConfig: Sendable, CustomStringConvertible {
    /// `boxAppSettings.clientID`.
    public var clientID: String
    /// `boxAppSettings.clientSecret`.
    public var clientSecret: Secret
    /// `boxAppSettings.appAuth.publicKeyID`: the `kid` of assertions.
    public var publicKeyID: String
    /// `boxAppSettings.appAuth.privateKey`: the PEM private key.
    public var privateKey: Secret
    /// `boxAppSettings.appAuth.passphrase`, nil or empty for an unencrypted key.
    public var passphrase: Secret?
    /// `enterpriseID`, absent for apps not tied to an enterprise.
    public var enterpriseID: String?
    /// The file this was read from, for error messages.
    public var file: String?

    /// Creates a configuration from its values.
    public init(
        clientID: String, clientSecret: Secret, publicKeyID: String, privateKey: Secret,
        passphrase: Secret?, enterpriseID: String?, file: String? = nil
    ) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.publicKeyID = publicKeyID
        self.privateKey = privateKey
        self.passphrase = passphrase
        self.enterpriseID = enterpriseID
        self.file = file
    }

    /// Reads and checks a `config.json` file.
    /// - Throws: ``ConfigurationError`` naming the file and JSON path of what is missing or wrong.
    public static func load(contentsOf url: URL) throws(ConfigurationError) -> BoxAppConfig {
        try BoxAppConfig(json: JSONDocument.load(contentsOf: url), file: url.path)
    }

    /// Reads a parsed `config.json`; `file` names it in errors.
    public init(json: JSONValue, file: String?) throws(ConfigurationError) {
        let root = try JSONObjectReader(json, file: file, path: .root)
        let settings = try root.object("boxAppSettings")
        let appAuth = try settings.object("appAuth")
        self.init(
            clientID: try settings.requiredString("clientID"),
            clientSecret: Secret(try settings.requiredString("clientSecret")),
            publicKeyID: try appAuth.requiredString("publicKeyID"),
            privateKey: Secret(try appAuth.requiredString("privateKey")),
            passphrase: try appAuth.optionalString("passphrase", allowEmpty: true).map(Secret.init),
            enterpriseID: try root.optionalIdentifier("enterpriseID"),
            file: file)
    }

    /// Decrypts the private key.
    /// - Throws: ``ConfigurationError`` with code ``ConfigurationError/Code/invalidKey`` located at
    ///   `boxAppSettings.appAuth.privateKey`.
    public func loadPrivateKey() throws(ConfigurationError) -> RSAPrivateKey {
        do {
            return try RSAPrivateKey(pem: privateKey.exposedValue, passphrase: passphrase)
        } catch {
            throw .invalidKey(error, file: file, jsonPath: JSONPath("boxAppSettings", "appAuth", "privateKey"))
        }
    }

    /// The configuration in Box's `config.json` layout. It holds secrets: write it to a 0600 file.
    public func jsonText() -> Secret {
        func q(_ text: String) -> String { JSONText.quoted(text) }
        var text = "{\n  \"boxAppSettings\": {\n    \"clientID\": \(q(clientID)),\n"
        text += "    \"clientSecret\": \(q(clientSecret.exposedValue)),\n    \"appAuth\": {\n"
        text += "      \"publicKeyID\": \(q(publicKeyID)),\n      \"privateKey\": \(q(privateKey.exposedValue)),\n"
        text += "      \"passphrase\": \(q(passphrase?.exposedValue ?? ""))\n    }\n  },\n"
        text += "  \"enterpriseID\": \(q(enterpriseID ?? ""))\n}\n"
        return Secret(text)
    }

    /// Shows the IDs only.
    public var description: String {
        "BoxAppConfig(clientID: \(clientID), publicKeyID: \(publicKeyID), enterpriseID: \(enterpriseID ?? "none"), secrets: <redacted>)"
    }
}
