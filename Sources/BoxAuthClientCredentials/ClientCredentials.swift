public import BoxAuth

/// A Client Credentials Grant app's client ID and secret.
public struct ClientCredentials: Sendable, CustomStringConvertible {
    /// The app's client ID.
    public let clientID: String
    /// The app's client secret.
    public let clientSecret: Secret

    /// Credentials from their parts.
    public init(clientID: String, clientSecret: Secret) {
        self.clientID = clientID
        self.clientSecret = clientSecret
    }

    /// The settings that carry them in a profile.
    public static let settings: [ProviderSetting] = [
        ProviderSetting("clientID", .string, summary: "The app's client ID."),
        ProviderSetting("clientSecret", .secret, summary: "The app's client secret."),
    ]

    /// Reads `clientID` and `clientSecret` from a profile.
    /// - Throws: ``ConfigurationError`` naming the missing or wrong setting.
    public init(settings: ProfileSettings) throws(ConfigurationError) {
        self.init(
            clientID: try settings.requiredString("clientID"), clientSecret: try settings.requiredSecret("clientSecret")
        )
    }

    /// Shows the client ID only.
    public var description: String { "ClientCredentials(clientID: \(clientID), clientSecret: <redacted>)" }
}
