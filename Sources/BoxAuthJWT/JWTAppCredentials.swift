public import BoxAuth
import Foundation

/// A JWT app's credentials with its private key decrypted (once, when the provider is built).
public struct JWTAppCredentials: Sendable, CustomStringConvertible {
    /// The app's client ID (`iss`).
    public let clientID: String
    /// The app's client secret.
    public let clientSecret: Secret
    /// The public key ID (`kid`).
    public let publicKeyID: String
    /// The decrypted private key.
    public let privateKey: RSAPrivateKey
    /// The enterprise ID from config.json or the profile, if any.
    public let enterpriseID: String?

    /// Credentials from their parts.
    public init(
        clientID: String, clientSecret: Secret, publicKeyID: String, privateKey: RSAPrivateKey, enterpriseID: String?
    ) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.publicKeyID = publicKeyID
        self.privateKey = privateKey
        self.enterpriseID = enterpriseID
    }

    /// Credentials from a Box `config.json`, decrypting its key.
    public init(config: BoxAppConfig) throws(ConfigurationError) {
        self.init(
            clientID: config.clientID, clientSecret: config.clientSecret, publicKeyID: config.publicKeyID,
            privateKey: try config.loadPrivateKey(), enterpriseID: config.enterpriseID)
    }

    /// Credentials from a profile: `configFile`, or `clientID`, `clientSecret`, `publicKeyID`,
    /// `privateKey` (and `passphrase`) inline. A profile's `enterpriseID` overrides config.json's.
    /// - Throws: ``ConfigurationError`` naming the profiles file or config.json and the JSON path.
    public init(settings: ProfileSettings) throws(ConfigurationError) {
        let inlineKeys = ["clientID", "clientSecret", "publicKeyID", "privateKey", "passphrase"]
        if let configURL = try settings.fileURL("configFile") {
            if let clash = inlineKeys.first(where: settings.contains) {
                throw settings.invalid(
                    clash, "'\(clash)' cannot be combined with 'configFile'.",
                    hint: "Either point configFile at config.json or give the fields inline, not both.")
            }
            guard FileManager.default.fileExists(atPath: configURL.path) else {
                throw .fileUnreadable(
                    configURL.path, referencedFrom: settings.file,
                    jsonPath: settings.path.appending("configFile").description)
            }
            let config: BoxAppConfig
            do {
                config = try BoxAppConfig.load(contentsOf: configURL)
            } catch  where error.code == .fileUnreadable || error.code == .fileTooLarge || error.code == .notRegularFile
            {
                // The file itself could not be read: say where it was named, not only its path.
                throw ConfigurationError(
                    code: error.code, message: "configFile \(MessageText.escaped(configURL.path)): \(error.message)",
                    file: settings.file,
                    jsonPath: settings.path.appending("configFile").description, hint: error.hint)
            }
            try self.init(config: config)
            if let enterpriseID = try settings.identifier("enterpriseID") {
                self = JWTAppCredentials(
                    clientID: clientID, clientSecret: clientSecret, publicKeyID: publicKeyID, privateKey: privateKey,
                    enterpriseID: enterpriseID)
            }
            return
        }
        guard settings.contains("clientID") || settings.contains("privateKey") else {
            throw settings.missing(
                "configFile", what: "'configFile' (or clientID, clientSecret, publicKeyID and privateKey inline)")
        }
        let pem = try settings.requiredSecret("privateKey")
        let passphrase = try settings.secret("passphrase")
        let key: RSAPrivateKey
        do {
            key = try RSAPrivateKey(pem: pem.exposedValue, passphrase: passphrase)
        } catch {
            throw .invalidKey(error, file: settings.file, jsonPath: settings.path.appending("privateKey"))
        }
        self.init(
            clientID: try settings.requiredString("clientID"),
            clientSecret: try settings.requiredSecret("clientSecret"),
            publicKeyID: try settings.requiredString("publicKeyID"), privateKey: key,
            enterpriseID: try settings.identifier("enterpriseID"))
    }

    /// Shows the IDs only.
    public var description: String {
        "JWTAppCredentials(clientID: \(clientID), publicKeyID: \(publicKeyID), \(privateKey))"
    }
}
