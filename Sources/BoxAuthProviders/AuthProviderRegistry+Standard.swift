@_exported import BoxAuth
@_exported import BoxAuthURLSession
import BoxAuthClientCredentials
import BoxAuthDeveloperToken
import BoxAuthJWT
import BoxAuthOAuth2
import BoxAuthPostgres
import BoxAuthUserAccessToken

extension AuthProviderRegistry {
    /// The built-in provider factories: `jwt`, `client-credentials`, `user-access-token`,
    /// `developer-token`.
    public static var builtInFactories: [any AuthProviderFactory] {
        [
            JWTProviderFactory(), ClientCredentialsProviderFactory(), UserAccessTokenProviderFactory(),
            DeveloperTokenProviderFactory(), OAuth2ProviderFactory(),
        ]
    }

    /// The token store kinds beyond the core's `memory` and `file`: `postgres`.
    public static var builtInStoreFactories: [any TokenStoreFactory] { [PostgresStoreFactory()] }

    /// A registry with every built-in provider, the `postgres` store kind and the default transport,
    /// `SharedTransport.default` (one shared URLSession, from `BoxAuthURLSession`).
    /// Add custom ones with ``AuthProviderRegistry/register(_:)``.
    ///
    /// ```swift
    /// import BoxAuthProviders
    /// let profile = try AuthProviderRegistry.standard.profile("service")
    /// ```
    public static var standard: AuthProviderRegistry {
        var registry = AuthProviderRegistry(defaultTransport: SharedTransport.default)
        for factory in builtInFactories {
            do {
                try registry.register(factory)
            } catch {
                preconditionFailure("built-in provider kinds are distinct: \(error)")
            }
        }
        for factory in builtInStoreFactories {
            do {
                try registry.register(store: factory)
            } catch {
                preconditionFailure("built-in store kinds are distinct: \(error)")
            }
        }
        return registry
    }
}
