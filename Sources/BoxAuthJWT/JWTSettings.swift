public import BoxAuth

/// The settings of a JWT app in a profile: a Box `config.json`, or the same fields inline.
public enum JWTSettings {
    /// The algorithm setting's declaration.
    public static let algorithm = ProviderSetting(
        "algorithm", .oneOf(JWTAlgorithm.allCases.map(\.rawValue)), default: "RS256",
        summary: "The assertion's signature algorithm.")

    /// The app credential settings, shared with providers that reuse the JWT grant.
    public static let credentials: [ProviderSetting] = [
        ProviderSetting("configFile", .path, summary: "The app's config.json from the Developer Console."),
        ProviderSetting("clientID", .string, summary: "The app's client ID (instead of configFile)."),
        ProviderSetting("clientSecret", .secret, summary: "The app's client secret (instead of configFile)."),
        ProviderSetting("publicKeyID", .string, summary: "The ID of the app's public key (instead of configFile)."),
        ProviderSetting("privateKey", .secret, summary: "The PEM private key (instead of configFile)."),
        ProviderSetting("passphrase", .secret, summary: "The private key's passphrase (instead of configFile)."),
    ]
}
