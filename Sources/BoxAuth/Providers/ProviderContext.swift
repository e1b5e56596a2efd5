import Foundation
import Logging

/// What a factory gets to build a provider: the profile's settings, the common options, the
/// transport and a logger.
public struct ProviderContext: Sendable {
    /// The profile entry's settings, already checked against the factory's declarations.
    public let settings: ProfileSettings
    /// The common options (`baseURL`, `asUser`, `refreshMargin`, `timeout`).
    public let options: ProfileOptions
    /// The HTTP transport to use.
    public let transport: any HTTPTransport
    /// A logger with `profile` and `provider` metadata set.
    public let logger: Logger

    /// Creates a context.
    public init(settings: ProfileSettings, options: ProfileOptions, transport: any HTTPTransport, logger: Logger) {
        self.settings = settings
        self.options = options
        self.transport = transport
        self.logger = logger
    }

    /// The token endpoint under the profile's `baseURL`, with its timeout.
    public func tokenEndpoint() throws(ConfigurationError) -> TokenEndpoint {
        do {
            return try TokenEndpoint(
                baseURL: options.baseURL, transport: transport, timeout: options.timeout,
                retryPolicy: options.retryPolicy)
        } catch {
            throw error.located(file: settings.file, jsonPath: settings.path.appending("baseURL").description)
        }
    }

    /// A token cache with the profile's refresh margin in front of `fetcher`; with `"cache": "file"`
    /// it shares a ``FileTokenStore`` keyed by base URL, `clientID` and `subject`.
    public func tokenCache(for fetcher: any TokenFetcher, clientID: String, subject: BoxSubject) -> TokenCache {
        tokenCache(
            for: fetcher, cacheKey: [options.baseURL.absoluteString, clientID, subject.kind.rawValue, subject.id])
    }

    /// A token cache for providers without a client ID and subject; `cacheKey` names what the
    /// tokens belong to (it is hashed into the cache file's name with `"cache": "file"`).
    public func tokenCache(for fetcher: any TokenFetcher, cacheKey: [String]) -> TokenCache {
        var store: (any TokenStore)?
        if options.cache == .file {
            store = FileTokenStore(
                directory: FileTokenStore.defaultDirectory(environment: settings.environment), key: cacheKey)
        }
        return TokenCache(fetcher: fetcher, refreshMargin: options.refreshMargin, logger: logger, store: store)
    }

    /// Where an OAuth 2.0 provider keeps its token pair: a ``FileTokenPairStore`` in the state
    /// folder (`$XDG_STATE_HOME/box-auth`), named by a hash of `key` (for the `oauth2` provider:
    /// base URL, client ID and profile name).
    public func tokenPairStore(key: [String]) -> any TokenPairStore {
        FileTokenPairStore(directory: FileTokenPairStore.defaultDirectory(environment: settings.environment), key: key)
    }
}
