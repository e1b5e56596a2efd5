public import BoxAuth
import BoxAuthClientCredentials
import BoxAuthJWT

/// Builds `user-access-token` providers: tokens that act as one user.
///
/// ```json
/// "alice": { "provider": "user-access-token", "userID": "33333", "grant": "jwt", "configFile": "box_config.json" },
/// "bob":   { "provider": "user-access-token", "userID": "44444", "grant": "client-credentials",
///            "clientID": "abc", "clientSecret": { "env": "BOX_CLIENT_SECRET" } }
/// ```
public struct UserAccessTokenProviderFactory: AuthProviderFactory {
    /// `user-access-token`.
    public static let kind = "user-access-token"
    /// The grants a user token can come from.
    public static let grants = ["jwt", "client-credentials"]

    /// Creates the factory.
    public init() {}

    /// `user-access-token`.
    public var kind: String { Self.kind }
    /// One line for `box-auth providers`.
    public var summary: String { "Tokens acting as one user, through the JWT or client-credentials grant." }
    /// `userID`, `grant`, and the chosen grant's app settings.
    public var settings: [ProviderSetting] {
        [
            ProviderSetting("userID", .identifier, required: true, summary: "The user the tokens act as."),
            ProviderSetting("grant", .oneOf(Self.grants), default: "jwt", summary: "The grant used to get them."),
            JWTSettings.algorithm,
        ] + JWTSettings.credentials
    }

    /// Builds the chosen grant with the user as subject.
    public func makeProvider(context: ProviderContext) throws -> any AuthProvider {
        let settings = context.settings
        let user = BoxSubject.user(try settings.requiredIdentifier("userID"))
        let endpoint = try context.tokenEndpoint()
        let grant: UserAccessGrant
        switch try settings.string("grant") ?? "jwt" {
        case "client-credentials":
            for key in ["configFile", "publicKeyID", "privateKey", "passphrase", "algorithm"]
            where settings.contains(key) {
                throw settings.invalid(
                    key, "'\(key)' is for the jwt grant, and this profile uses client-credentials.",
                    hint: "Remove it, or set \"grant\": \"jwt\".")
            }
            let credentials = try ClientCredentials(settings: settings)
            grant = .clientCredentials(
                ClientCredentialsGrant(
                    credentials: credentials, subject: user, endpoint: endpoint, logger: context.logger))
        default:
            let algorithm = try settings.string("algorithm").flatMap(JWTAlgorithm.init(rawValue:)) ?? .rs256
            let credentials = try JWTAppCredentials(settings: settings)
            grant = .jwt(
                JWTGrant(
                    credentials: credentials, subject: user, algorithm: algorithm, endpoint: endpoint,
                    logger: context.logger))
        }
        return UserAccessTokenAuthProvider(
            kind: Self.kind, grant: grant, subject: user,
            cache: context.tokenCache(for: grant, clientID: grant.appCredentials.clientID, subject: user))
    }
}
