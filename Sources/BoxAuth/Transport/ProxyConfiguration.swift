public import Foundation

/// Which proxy, if any, a request goes through: the rules of `HTTPS_PROXY`, `HTTP_PROXY` and
/// `NO_PROXY`, or a profile's `proxy` setting.
///
/// Both HTTP transports apply the configuration a ``TransportRequest`` carries
/// (``TransportRequest/proxy``); profiles set it from their `proxy` setting and the environment
/// passed to the registry, never from the process's environment behind the caller's back.
///
/// - `https://` URLs go through ``httpsProxy`` (`https_proxy`, else `HTTPS_PROXY`), with `CONNECT`;
/// - `http://` URLs go through ``httpProxy`` (`http_proxy`, else `HTTP_PROXY`);
/// - hosts that ``noProxy`` lists (`no_proxy`, else `NO_PROXY`) go direct.
///
/// ```swift
/// let proxies = try ProxyConfiguration(environment: ["HTTPS_PROXY": "http://proxy.corp:3128", "NO_PROXY": ".corp"])
/// proxies.proxy(for: URL(string: "https://api.box.com/oauth2/token")!)   // http://proxy.corp:3128
/// ```
public struct ProxyConfiguration: Sendable, Hashable, CustomStringConvertible {
    /// The proxy for `https://` URLs.
    public var httpsProxy: ProxyServer?
    /// The proxy for `http://` URLs.
    public var httpProxy: ProxyServer?
    /// The hosts that go direct.
    public var noProxy: NoProxyList

    /// Every request goes direct.
    public static let direct = ProxyConfiguration()

    /// A configuration with the given proxies (none by default) and bypass list.
    public init(httpsProxy: ProxyServer? = nil, httpProxy: ProxyServer? = nil, noProxy: NoProxyList = .empty) {
        self.httpsProxy = httpsProxy
        self.httpProxy = httpProxy
        self.noProxy = noProxy
    }

    /// The configuration `environment` describes. Each variable is read in lower case first, then
    /// in upper case (as curl does); an empty value counts as unset.
    /// - Throws: ``ConfigurationError`` (``ConfigurationError/Code/invalidValue``) naming the
    ///   variable whose value is not a proxy URL (the value itself is never repeated: it may hold a
    ///   password).
    public init(environment: [String: String]) throws(ConfigurationError) {
        self.init(
            httpsProxy: try Self.server(environment, "https_proxy"),
            httpProxy: try Self.server(environment, "http_proxy"),
            noProxy: NoProxyList(Self.value(environment, "no_proxy") ?? ""))
    }

    /// The proxy a request to `url` goes through, or nil when it goes direct.
    public func proxy(for url: URL) -> ProxyServer? {
        let server: ProxyServer?
        switch url.scheme?.lowercased() {
        case "https": server = httpsProxy
        case "http": server = httpProxy
        default: server = nil
        }
        guard let server, !noProxy.bypasses(url) else { return nil }
        return server
    }

    /// `https: http://host:port, http: direct, no proxy: ...`, without credentials.
    public var description: String {
        "https: \(httpsProxy?.description ?? "direct"), http: \(httpProxy?.description ?? "direct"), no proxy: \(noProxy)"
    }

    /// The variable's value, lower case first, then upper case; nil when unset or empty.
    private static func value(_ environment: [String: String], _ lowercased: String) -> String? {
        for name in [lowercased, lowercased.uppercased()] {
            if let value = environment[name], !value.trimmingCharacters(in: .whitespaces).isEmpty { return value }
        }
        return nil
    }

    private static func server(
        _ environment: [String: String], _ lowercased: String
    ) throws(ConfigurationError) -> ProxyServer? {
        guard let text = value(environment, lowercased) else { return nil }
        guard let server = ProxyServer(url: text) else {
            let name = environment[lowercased].map { _ in lowercased } ?? lowercased.uppercased()
            throw ConfigurationError(
                code: .invalidValue,
                message: "the environment variable \(name) is not an http:// proxy URL (its value is not shown: it may hold a password).",
                hint: "Set it to http://proxy.example.com:3128 (or http://user:password@proxy.example.com:3128), or unset it.")
        }
        return server
    }
}

extension ProxyConfiguration {
    /// The configuration of a profile: its `proxy` setting for both schemes when set (with
    /// `NO_PROXY` from the environment still applying), otherwise the environment's variables.
    /// - Throws: ``ConfigurationError`` for a `proxy` that is not an `http://` URL (naming its JSON
    ///   path, never its value), a secret reference that cannot be read, or a bad variable.
    package init(settings: ProfileSettings) throws(ConfigurationError) {
        let environment = try ProxyConfiguration(environment: settings.environment)
        guard let secret = try settings.secret("proxy") else {
            self = environment
            return
        }
        guard let server = ProxyServer(url: secret.exposedValue) else {
            throw settings.invalid(
                "proxy", "is not an http:// proxy URL (the value is not shown: it may hold a password).",
                hint: #"Write "http://proxy.example.com:3128", or {"env": "BOX_PROXY_URL"} for one with credentials."#)
        }
        self.init(httpsProxy: server, httpProxy: server, noProxy: environment.noProxy)
    }
}
