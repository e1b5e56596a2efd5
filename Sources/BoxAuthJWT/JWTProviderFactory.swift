public import BoxAuth

/// Builds `jwt` providers: a JWT app acting as its service account in an enterprise.
///
/// ```json
/// "service": { "provider": "jwt", "configFile": "box_config.json", "algorithm": "RS512" }
/// ```
public struct JWTProviderFactory: AuthProviderFactory {
    /// `jwt`.
    public static let kind = "jwt"

    /// Creates the factory.
    public init() {}

    /// `jwt`.
    public var kind: String { Self.kind }
    /// One line for `box-auth providers`.
    public var summary: String { "A JWT app (key pair) acting as its service account." }
    /// config.json or inline credentials, `enterpriseID`, `algorithm`.
    public var settings: [ProviderSetting] {
        JWTSettings.credentials + [
            ProviderSetting("enterpriseID", .identifier, summary: "The enterprise ID (defaults to config.json's)."),
            JWTSettings.algorithm,
        ]
    }

    /// Loads the credentials (decrypting the key) and builds the provider.
    public func makeProvider(context: ProviderContext) throws -> any AuthProvider {
        let settings = context.settings
        let credentials = try JWTAppCredentials(settings: settings)
        guard let enterpriseID = credentials.enterpriseID else {
            throw settings.missing("enterpriseID", what: "an enterprise ID ('enterpriseID' here or in config.json)")
        }
        let algorithm = try settings.string("algorithm").flatMap(JWTAlgorithm.init(rawValue:)) ?? .rs256
        let grant = JWTGrant(
            credentials: credentials, subject: .enterprise(enterpriseID), algorithm: algorithm,
            endpoint: try context.tokenEndpoint(), logger: context.logger)
        return JWTAuthProvider(
            kind: Self.kind, grant: grant, subject: grant.subject,
            cache: context.tokenCache(for: grant, clientID: credentials.clientID, subject: grant.subject))
    }
}
