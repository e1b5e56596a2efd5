import Foundation

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

    /// Where a profile's tokens are cached: a store kind registered with ``AuthProviderRegistry``
    /// (``TokenStoreFactory/kind``).
    public struct TokenCacheKind: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        /// The kind as profiles write it.
        public var rawValue: String
        /// A kind from its name.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// In this process only (the default).
        public static let memory = Self(rawValue: "memory")
        /// In a file shared by every process on this machine (see ``FileTokenStore``).
        public static let file = Self(rawValue: "file")
        /// In a PostgreSQL table shared by every machine (`BoxAuthPostgres`; needs `cacheURL`).
        public static let postgres = Self(rawValue: "postgres")
        /// The built-in kinds of the core, before any registration.
        public static let builtIn: [Self] = [.memory, .file]
        /// The kind's name.
        public var description: String { rawValue }
    }

    /// Options with the defaults: api.box.com, no As-User, 120 s margin, 30 s timeout.
    public init(
        baseURL: URL = TokenEndpoint.defaultBaseURL, asUser: String? = nil,
        refreshMargin: TimeInterval = TokenCache.defaultRefreshMargin, timeout: TimeInterval = 30,
        cache: TokenCacheKind = .memory, retryPolicy: RetryPolicy = RetryPolicy()
    ) {
        self.cache = cache
        self.retryPolicy = retryPolicy
        self.baseURL = baseURL
        self.asUser = asUser
        self.refreshMargin = refreshMargin
        self.timeout = timeout
    }

    /// The common settings' declarations (`provider` included).
    public static let settings: [ProviderSetting] = [
        ProviderSetting("provider", .string, required: true, summary: "The provider kind, e.g. jwt."),
        ProviderSetting("baseURL", .string, default: "https://api.box.com", summary: "The API's base URL."),
        ProviderSetting("asUser", .identifier, summary: "A user ID sent as As-User on API calls."),
        ProviderSetting(
            "refreshMargin", .number, default: "120", summary: "Renew tokens this many seconds before expiry."),
        ProviderSetting("timeout", .number, default: "30", summary: "Seconds to wait for the token endpoint."),
        ProviderSetting(
            "cache", .oneOf(TokenCacheKind.builtIn.map(\.rawValue)), default: "memory",
            summary: "Where tokens are cached: this process, a file shared by processes, or a registered store."),
        ProviderSetting("maxAttempts", .number, default: "5", summary: "The most requests one token fetch makes."),
        ProviderSetting(
            "retryDeadline", .number, default: "60", summary: "Seconds one token fetch may take, retries included."),
    ]

    /// Reads the common options from a profile entry.
    public init(settings: ProfileSettings) throws(ConfigurationError) {
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
        if let margin = try settings.number("refreshMargin") {
            guard margin >= 0 else { throw settings.invalid("refreshMargin", "must be 0 or more seconds.") }
            refreshMargin = margin
        }
        if let timeout = try settings.number("timeout") {
            guard timeout > 0 else { throw settings.invalid("timeout", "must be more than 0 seconds.") }
            self.timeout = timeout
        }
        if let attempts = try settings.number("maxAttempts") {
            guard attempts >= 1, attempts <= 100, attempts.rounded() == attempts else {
                throw settings.invalid("maxAttempts", "must be a whole number from 1 to 100.")
            }
            retryPolicy.maxAttempts = Int(attempts)
        }
        if let deadline = try settings.number("retryDeadline") {
            guard deadline > 0 else { throw settings.invalid("retryDeadline", "must be more than 0 seconds.") }
            retryPolicy.deadline = deadline
        }
        if let cache = try settings.string("cache") {
            self.cache = TokenCacheKind(rawValue: cache)
        }
    }
}
