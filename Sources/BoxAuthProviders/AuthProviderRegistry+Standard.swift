@_exported import BoxAuth
@_exported import BoxAuthURLSession
import BoxAuthBrokerClient
import BoxAuthClientCredentials
import BoxAuthDeveloperToken
import BoxAuthJWT
import BoxAuthOAuth2
import BoxAuthUserAccessToken

extension AuthProviderRegistry {
    /// The built-in provider factories: `jwt`, `client-credentials`, `user-access-token`,
    /// `developer-token`, `oauth2` and `broker`.
    public static var builtInFactories: [any AuthProviderFactory] {
        [
            JWTProviderFactory(), ClientCredentialsProviderFactory(), UserAccessTokenProviderFactory(),
            DeveloperTokenProviderFactory(), OAuth2ProviderFactory(), BrokerProviderFactory(),
        ]
    }

    /// A registry with every built-in provider, the core's store kinds (`memory`, `file`) and the
    /// default transport, `SharedTransport.default` (one shared URLSession, from `BoxAuthURLSession`).
    /// Add custom providers with ``AuthProviderRegistry/register(_:)`` and store kinds with
    /// ``AuthProviderRegistry/register(store:)``.
    ///
    /// ```swift
    /// import BoxAuthProviders
    /// let profile = try AuthProviderRegistry.standard.profile("service")
    /// ```
    ///
    /// The registry is light: the PostgreSQL store (`"cache": "postgres"`) comes with the
    /// `BoxAuthPostgres` product, which an app adds and registers itself:
    /// ```swift
    /// import BoxAuthPostgres
    /// var registry = AuthProviderRegistry.standard
    /// try registry.register(store: PostgresStoreFactory())
    /// ```
    /// A profile that asks for it without that registration gets an error saying so.
    public static var standard: AuthProviderRegistry {
        var registry = AuthProviderRegistry(defaultTransport: SharedTransport.default)
        for factory in builtInFactories {
            do {
                try registry.register(factory)
            } catch {
                preconditionFailure("built-in provider kinds are distinct: \(error)")
            }
        }
        registry.unregisteredStoreHints = optionalStoreHints
        return registry
    }

    /// The store kinds of this package's optional products, and how an app adds each.
    private static let optionalStoreHints = [
        "postgres":
            "The 'postgres' store comes with the BoxAuthPostgres product: add it to your target's dependencies, "
            + "`import BoxAuthPostgres`, and call `try registry.register(store: PostgresStoreFactory())` "
            + "on the registry you resolve profiles with (the box-auth command registers it).",
        "keyring":
            "The 'keyring' store comes with the BoxAuthKeyring product: add it to your target's dependencies, "
            + "`import BoxAuthKeyring`, and call `try registry.register(store: KeyringStoreFactory())` "
            + "on the registry you resolve profiles with (the box-auth command registers it).",
    ]
}
