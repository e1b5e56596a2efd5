public import BoxAuth

extension EmulatedApp {
    /// The app a Box `config.json` describes: its client credentials, the public half of its
    /// private key under its `publicKeyID`, and its enterprise.
    /// - Parameter knownUserIDs: Users the app may get user tokens for.
    /// - Throws: ``ConfigurationError`` when the private key cannot be loaded, or its public half
    ///   cannot be derived.
    public init(config: BoxAppConfig, knownUserIDs: Set<String> = []) throws(ConfigurationError) {
        let privateKey = try config.loadPrivateKey()
        let publicKey: RSAPublicKey
        do {
            publicKey = try privateKey.publicKey
        } catch {
            throw .invalidKey(error, file: config.file, jsonPath: JSONPath("boxAppSettings", "appAuth", "privateKey"))
        }
        self.init(
            clientID: config.clientID, clientSecret: config.clientSecret.exposedValue,
            enterpriseID: config.enterpriseID, publicKeys: [config.publicKeyID: publicKey],
            knownUserIDs: knownUserIDs)
    }
}
