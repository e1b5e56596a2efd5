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
            return try TokenEndpoint(baseURL: options.baseURL, transport: transport, timeout: options.timeout)
        } catch {
            throw error.located(file: settings.file, jsonPath: settings.path.appending("baseURL").description)
        }
    }

    /// A token cache with the profile's refresh margin in front of `fetcher`.
    public func tokenCache(for fetcher: any TokenFetcher) -> TokenCache {
        TokenCache(fetcher: fetcher, refreshMargin: options.refreshMargin, logger: logger)
    }
}
