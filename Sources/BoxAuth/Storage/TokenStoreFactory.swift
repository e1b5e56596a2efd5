public import Logging

/// Builds the token stores of one `"cache"` kind from profile entries. Register one with
/// ``AuthProviderRegistry/register(store:)``; `memory` and `file` are built in, `postgres` comes
/// with `BoxAuthProviders`' standard registry.
///
/// Store kinds are declared the way provider kinds are: their settings are checked, described by
/// `box-auth providers --describe` and written into the profiles schema.
/// ```swift
/// struct RedisStoreFactory: TokenStoreFactory {
///     let kind = "redis"
///     let summary = "A Redis server shared by the fleet."
///     let settings = [ProviderSetting("cacheURL", .secret, summary: "The server's URL.")]
///     let sharesAcrossMachines = true
///     func makeStores(settings: ProfileSettings, options: ProfileOptions, logger: Logger) throws
///         -> any ProfileTokenStores { ... }
/// }
/// ```
public protocol TokenStoreFactory: Sendable {
    /// The string users write as `"cache"` in profiles.
    var kind: String { get }
    /// One line describing the store.
    var summary: String { get }
    /// The settings the store takes in profile entries (besides the common ones).
    var settings: [ProviderSetting] { get }
    /// Whether tokens leave this machine, so that they must be encrypted with the app's secret: a
    /// profile whose provider has no app secret (a developer token) cannot use the store.
    var sharesAcrossMachines: Bool { get }
    /// Reads the store's settings from one profile entry. Must not touch the network.
    /// - Throws: ``ConfigurationError`` naming the file and JSON path of what is wrong.
    func makeStores(
        settings: ProfileSettings, options: ProfileOptions, logger: Logger
    ) throws
        -> any ProfileTokenStores
}

/// The stores of one profile: what a ``TokenStoreFactory`` builds once the settings are read.
public protocol ProfileTokenStores: Sendable {
    /// The access token store for `key` (base URL, client ID, subject), or nil to keep tokens in
    /// memory only. `appSecret` is the app's client secret, for stores that encrypt.
    func tokenStore(key: [String], appSecret: Secret?) -> (any TokenStore)?
    /// The OAuth 2.0 token pair store for `key` (base URL, client ID, profile).
    func tokenPairStore(key: [String], appSecret: Secret?) -> any TokenPairStore
}
