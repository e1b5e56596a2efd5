public import BoxAuth

/// Builds `client-credentials` providers: a Client Credentials Grant app as its service account.
///
/// ```json
/// "automation": { "provider": "client-credentials", "clientID": "abc",
///                 "clientSecret": { "env": "BOX_CLIENT_SECRET" }, "enterpriseID": "1234567" }
/// ```
public struct ClientCredentialsProviderFactory: AuthProviderFactory {
    /// `client-credentials`.
    public static let kind = "client-credentials"

    /// Creates the factory.
    public init() {}

    /// `client-credentials`.
    public var kind: String { Self.kind }
    /// One line for `box-auth providers`.
    public var summary: String { "A Client Credentials Grant app acting as its service account." }
    /// `clientID`, `clientSecret`, `enterpriseID`, all required.
    public var settings: [ProviderSetting] {
        [
            ProviderSetting("clientID", .string, required: true, summary: "The app's client ID."),
            ProviderSetting("clientSecret", .secret, required: true, summary: "The app's client secret."),
            ProviderSetting("enterpriseID", .identifier, required: true, summary: "The enterprise ID."),
        ]
    }

    /// Reads the credentials and builds the provider.
    public func makeProvider(context: ProviderContext) throws -> any AuthProvider {
        let settings = context.settings
        let grant = ClientCredentialsGrant(
            credentials: try ClientCredentials(settings: settings),
            subject: .enterprise(try settings.requiredIdentifier("enterpriseID")),
            endpoint: try context.tokenEndpoint(), logger: context.logger)
        return ClientCredentialsAuthProvider(
            kind: Self.kind, grant: grant, subject: grant.subject,
            cache: context.tokenCache(for: grant, clientID: grant.credentials.clientID, subject: grant.subject))
    }
}
