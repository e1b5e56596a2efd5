import Foundation
public import Logging
public import Tracing

/// What a factory gets to build a provider: the profile's settings, the common options, the
/// transport, a logger and a tracer.
public struct ProviderContext: Sendable {
    /// The profile entry's settings, already checked against the factory's declarations.
    public let settings: ProfileSettings
    /// The common options (`baseURL`, `asUser`, `refreshMargin`, `timeout`).
    public let options: ProfileOptions
    /// The HTTP transport to use.
    public let transport: any HTTPTransport
    /// A logger with `profile` and `provider` metadata set.
    public let logger: Logger
    /// The stores of the profile's `"cache"` kind; nil picks `memory` or `file` by ``options``.
    public let stores: (any ProfileTokenStores)?
    /// Where the profile's token requests are traced; nil uses `InstrumentationSystem.tracer`
    /// (a no-op until the app bootstraps one). ``tokenEndpoint()`` and the token caches get it.
    public let tracer: (any Tracer)?

    /// Creates a context.
    /// - Parameters:
    ///   - settings: The profile's entry.
    ///   - options: Its common options.
    ///   - transport: The transport its requests go through.
    ///   - logger: The profile's logger.
    ///   - stores: The profile's stores, as its ``TokenStoreFactory`` built them; nil for the
    ///     built-in `memory` and `file` kinds.
    ///   - tracer: Where its token requests are traced; nil for the bootstrapped tracer.
    public init(
        settings: ProfileSettings, options: ProfileOptions, transport: any HTTPTransport, logger: Logger,
        stores: (any ProfileTokenStores)? = nil, tracer: (any Tracer)? = nil
    ) {
        self.tracer = tracer
        self.settings = settings
        self.options = options
        self.transport = transport
        self.logger = logger
        self.stores = stores
    }

    /// The token endpoint under the profile's `baseURL`, with its timeout.
    public func tokenEndpoint() throws(ConfigurationError) -> TokenEndpoint {
        do {
            return try TokenEndpoint(
                baseURL: options.baseURL, transport: transport, timeout: options.timeout,
                retryPolicy: options.retryPolicy, proxy: options.proxy, tracer: tracer)
        } catch {
            throw error.located(file: settings.file, jsonPath: settings.path.appending("baseURL").description)
        }
    }

    /// A token cache with the profile's refresh margin in front of `fetcher`, over the store of the
    /// profile's `"cache"` kind keyed by base URL, `clientID` and `subject` (a `FileTokenStore`
    /// for `file`; the database for `postgres`).
    public func tokenCache(for fetcher: any TokenFetcher, clientID: String, subject: BoxSubject) -> TokenCache {
        tokenCache(
            for: fetcher, cacheKey: [options.baseURL.absoluteString, clientID, subject.kind.rawValue, subject.id],
            subjectType: subject.kind)
    }

    /// A token cache for providers without a client ID and subject; `cacheKey` names what the
    /// tokens belong to (it is hashed into the cache file's name with `"cache": "file"`).
    ///
    /// A store that shares tokens across machines encrypts them with the app's client secret, which
    /// it takes from `fetcher` when it is ``AppCredentialsProviding``.
    public func tokenCache(for fetcher: any TokenFetcher, cacheKey: [String]) -> TokenCache {
        tokenCache(for: fetcher, cacheKey: cacheKey, subjectType: nil)
    }

    private func tokenCache(
        for fetcher: any TokenFetcher, cacheKey: [String], subjectType: BoxSubject.Kind?
    ) -> TokenCache {
        let secret = (fetcher as? any AppCredentialsProviding)?.appCredentials.clientSecret
        return TokenCache(
            fetcher: fetcher, refreshMargin: options.refreshMargin, logger: logger,
            store: resolvedStores.tokenStore(key: cacheKey, appSecret: secret),
            provider: settings.members["provider"]?.stringValue ?? "custom", tracer: tracer,
            profile: settings.profileName, subjectType: subjectType)
    }

    /// Where an OAuth 2.0 provider keeps its token pair: for `memory` and `file`, a
    /// `FileTokenPairStore` in the state folder (`$XDG_STATE_HOME/box-auth`), named by a hash of
    /// `key` (for the `oauth2` provider: base URL, client ID and profile name); for `postgres`, the
    /// database, encrypted with the profile's `clientSecret`.
    public func tokenPairStore(key: [String]) -> any TokenPairStore {
        tokenPairStore(key: key, appSecret: (try? settings.secret("clientSecret")) ?? nil)
    }

    /// Where an OAuth 2.0 provider keeps its token pair, encrypted with `appSecret` by stores that
    /// share it across machines.
    public func tokenPairStore(key: [String], appSecret: Secret?) -> any TokenPairStore {
        resolvedStores.tokenPairStore(key: key, appSecret: appSecret)
    }

    private var resolvedStores: any ProfileTokenStores {
        stores ?? LocalTokenStores(settings: settings, options: options, sharesTokens: options.cache == .file)
    }
}
