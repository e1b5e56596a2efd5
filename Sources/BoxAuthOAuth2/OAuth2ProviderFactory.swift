public import BoxAuth
import Foundation

/// Builds `oauth2` providers: a person signs in once in a browser (`box-auth login`), and the app
/// acts as that person, with rotating refresh tokens kept in a shared store.
///
/// ```json
/// "me": { "provider": "oauth2", "clientID": "abc", "clientSecret": { "env": "BOX_CLIENT_SECRET" } }
/// ```
public struct OAuth2ProviderFactory: AuthProviderFactory {
    /// `oauth2`.
    public static let kind = "oauth2"

    /// Creates the factory.
    public init() {}

    /// `oauth2`.
    public var kind: String { Self.kind }
    /// One line for `box-auth providers`.
    public var summary: String { "A user who signed in with OAuth 2.0 (box-auth login); refresh tokens rotate." }
    /// `clientID`, `clientSecret` (required), `scopes`, `authorizeURL`, `redirectURI`.
    public var settings: [ProviderSetting] {
        [
            ProviderSetting("clientID", .string, required: true, summary: "The OAuth 2.0 app's client ID."),
            ProviderSetting("clientSecret", .secret, required: true, summary: "The app's client secret."),
            ProviderSetting(
                "scopes", .stringArray, summary: "Scopes to ask for (default: those configured for the app)."),
            ProviderSetting(
                "authorizeURL", .string, default: OAuth2Client.defaultAuthorizeURL.absoluteString,
                summary: "Box's authorization page (https, or http on the loopback)."),
            ProviderSetting(
                "redirectURI", .string, default: OAuth2Client.defaultRedirectURI.absoluteString,
                summary: "The app's registered redirect URI; a loopback one takes any port."),
        ]
    }

    /// Reads the app's settings and builds the provider over the profile's token-pair store.
    public func makeProvider(context: ProviderContext) throws -> any AuthProvider {
        let settings = context.settings
        let clientID = try settings.requiredString("clientID")
        guard !clientID.isEmpty else { throw settings.invalid("clientID", "must not be empty.") }
        let secret = try settings.requiredSecret("clientSecret")
        let authorizeURL = try url(settings, "authorizeURL", default: OAuth2Client.defaultAuthorizeURL)
        let redirectURI = try url(settings, "redirectURI", default: OAuth2Client.defaultRedirectURI)
        let client = OAuth2Client(
            appCredentials: AppCredentials(clientID: clientID, clientSecret: secret),
            scopes: try settings.strings("scopes") ?? [], authorizeURL: authorizeURL, redirectURI: redirectURI,
            endpoint: try context.tokenEndpoint(), logger: context.logger)
        let store = context.tokenPairStore(key: [
            context.options.baseURL.absoluteString, clientID, settings.profileName,
        ])
        return OAuth2AuthProvider(
            client: client, store: store, profile: settings.profileName,
            refreshMargin: context.options.refreshMargin, logger: context.logger, tracer: context.tracer)
    }

    /// An https URL, or http on the loopback.
    private func url(_ settings: ProfileSettings, _ key: String, default value: URL) throws -> URL {
        guard let text = try settings.string(key) else { return value }
        guard let url = URL(string: text), url.host != nil, url.scheme == "https" || url.scheme == "http" else {
            throw settings.invalid(key, "\(text) is not an http(s) URL.", hint: "Write it as \(value.absoluteString).")
        }
        do { try EndpointURL.validate(url) } catch {
            throw error.located(file: settings.file, jsonPath: settings.path.appending(key).description)
        }
        return url
    }
}
