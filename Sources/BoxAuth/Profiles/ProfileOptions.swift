public import Foundation

/// The settings every profile may set, whatever its provider.
public struct ProfileOptions: Sendable, Hashable {
    /// The API's base URL; the token endpoint is `{baseURL}/oauth2/token`.
    public var baseURL: URL
    /// A user ID to send as `As-User` on API calls made with this profile.
    public var asUser: String?
    /// Renew a token when less than this many seconds remain.
    public var refreshMargin: TimeInterval
    /// Seconds to wait for the token endpoint.
    public var timeout: TimeInterval
    /// Where tokens are cached.
    public var cache: TokenCacheKind
    /// How failed token requests are retried.
    public var retryPolicy: RetryPolicy
    /// Seconds a token store waits for its lock or its database (another process's or machine's
    /// refresh, a slow or stalled database) before the fallback: an access token is fetched by this
    /// process alone, with one warning; an OAuth 2.0 pair, which must never be refreshed twice,
    /// fails with an `unavailable` error instead.
    public var cacheLockTimeout: TimeInterval
    /// The proxies token requests go through: the `proxy` setting, else `HTTPS_PROXY`,
    /// `HTTP_PROXY` and `NO_PROXY` of the environment the profile was resolved with.
    public var proxy: ProxyConfiguration

    /// Where a profile's tokens are cached: a store kind registered with ``AuthProviderRegistry``
    /// (``TokenStoreFactory/kind``).
    public struct TokenCacheKind: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        /// The kind as profiles write it.
        public var rawValue: String
        /// A kind from its name.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// In this process only (the default).
        public static let memory = Self(rawValue: "memory")
        /// In a file shared by every process on this machine (see `FileTokenStore`).
        public static let file = Self(rawValue: "file")
        /// The built-in kinds of the core, before any registration.
        package static let builtIn: [Self] = [.memory, .file]
        /// The kind's name.
        public var description: String { rawValue }
    }

    /// Options with the defaults: api.box.com, no As-User, 120 s margin, 30 s timeout, 10 s cache
    /// lock timeout.
    public init(
        baseURL: URL = TokenEndpoint.defaultBaseURL, asUser: String? = nil,
        refreshMargin: TimeInterval = TokenCache.defaultRefreshMargin, timeout: TimeInterval = 30,
        cache: TokenCacheKind = .memory, retryPolicy: RetryPolicy = RetryPolicy(),
        cacheLockTimeout: TimeInterval = Self.defaultCacheLockTimeout, proxy: ProxyConfiguration = .direct
    ) {
        self.proxy = proxy
        self.cache = cache
        self.cacheLockTimeout = cacheLockTimeout
        self.retryPolicy = retryPolicy
        self.baseURL = baseURL
        self.asUser = asUser
        self.refreshMargin = refreshMargin
        self.timeout = timeout
    }

    /// The default ``cacheLockTimeout``: 10 seconds.
    public static let defaultCacheLockTimeout: TimeInterval = 10

    /// `refreshMargin`: from 0 to 3600 seconds.
    package static let refreshMarginRange = SettingRange.seconds(from: 0, upTo: 3600)
    /// `timeout`: more than 0 and at most 300 seconds.
    package static let timeoutRange = SettingRange.seconds(above: 0, upTo: 300)
    /// `maxAttempts`: a whole number from 1 to 100.
    package static let maxAttemptsRange = SettingRange.wholeNumbers(from: 1, through: 100)
    /// `retryDeadline`: more than 0 and at most 3600 seconds.
    package static let retryDeadlineRange = SettingRange.seconds(above: 0, upTo: 3600)
    /// `cacheLockTimeout`: more than 0 and at most 3600 seconds.
    package static let cacheLockTimeoutRange = SettingRange.seconds(above: 0, upTo: 3600)

    /// The common settings' declarations (`provider` included).
    package static let settings: [ProviderSetting] = [
        ProviderSetting("provider", .string, required: true, summary: "The provider kind, e.g. jwt."),
        ProviderSetting("baseURL", .string, default: "https://api.box.com", summary: "The API's base URL."),
        ProviderSetting("asUser", .identifier, summary: "A user ID sent as As-User on API calls."),
        ProviderSetting(
            "refreshMargin", .number, default: "120", range: refreshMarginRange,
            summary: "Renew tokens this many seconds before expiry."),
        ProviderSetting(
            "timeout", .number, default: "30", range: timeoutRange, summary: "Seconds to wait for the token endpoint."),
        ProviderSetting(
            "cache", .oneOf(TokenCacheKind.builtIn.map(\.rawValue)), default: "memory",
            summary: "Where tokens are cached: this process, a file shared by processes, or a registered store."),
        ProviderSetting(
            "maxAttempts", .number, default: "5", range: maxAttemptsRange,
            summary: "The most requests one token fetch makes."),
        ProviderSetting(
            "retryDeadline", .number, default: "60", range: retryDeadlineRange,
            summary: "Seconds one token fetch may take, retries included."),
        ProviderSetting(
            "cacheLockTimeout", .number, default: "10", range: cacheLockTimeoutRange,
            summary: "Seconds to wait for the token cache's lock or database before fetching alone "
                + "(an OAuth 2.0 sign-in fails instead)."),
        ProviderSetting(
            "proxy", .secret,
            summary: "The HTTP proxy for token requests, http://host:port (credentials as http://user:password@host:port, "
                + "best from {\"env\": ...}); NO_PROXY still applies. Default: HTTPS_PROXY / HTTP_PROXY."),
    ]

    /// The declaration of the common setting `name`.
    private static func setting(_ name: String) -> ProviderSetting {
        settings.first { $0.name == name } ?? ProviderSetting(name, .number, summary: name)
    }

    /// Reads the common options from a profile entry.
    package init(settings: ProfileSettings) throws(ConfigurationError) {
        self.init()
        if let text = try settings.string("baseURL") {
            guard let url = URL(string: text.hasSuffix("/") ? String(text.dropLast()) : text) else {
                throw settings.invalid(
                    "baseURL", "\(MessageText.quoted(text)) is not a URL.", hint: "Write it as https://api.box.com.")
            }
            do { try EndpointURL.validate(url) } catch {
                throw error.located(file: settings.file, jsonPath: settings.path.appending("baseURL").description)
            }
            baseURL = url
        }
        asUser = try settings.identifier("asUser")
        if let margin = try Self.setting("refreshMargin").number(in: settings) { refreshMargin = margin }
        if let timeout = try Self.setting("timeout").number(in: settings) { self.timeout = timeout }
        if let attempts = try Self.setting("maxAttempts").number(in: settings) {
            retryPolicy.maxAttempts = Int(attempts)
        }
        if let deadline = try Self.setting("retryDeadline").number(in: settings) { retryPolicy.deadline = deadline }
        if let lockTimeout = try Self.setting("cacheLockTimeout").number(in: settings) {
            cacheLockTimeout = lockTimeout
        }
        proxy = try ProxyConfiguration(settings: settings)
        if let cache = try settings.string("cache") {
            self.cache = TokenCacheKind(rawValue: cache)
        }
    }
}
