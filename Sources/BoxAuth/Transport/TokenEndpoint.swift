public import Foundation
public import Logging
public import Tracing

/// Box's token endpoint (`{baseURL}/oauth2/token`): posts a grant as a form and reads the token.
public struct TokenEndpoint: Sendable {
    /// The default API address.
    public static let defaultBaseURL = URL(string: "https://api.box.com")!
    /// The `aud` Box requires in a JWT assertion, whatever URL the token request goes to.
    package static let assertionAudience = "https://api.box.com/oauth2/token"

    /// The API's base URL.
    public let baseURL: URL
    /// The endpoint's URL (`{baseURL}/oauth2/token`).
    public let url: URL
    /// The transport requests go through.
    public let transport: any HTTPTransport
    /// Seconds to wait for an answer.
    public let timeout: TimeInterval
    /// How failed requests are retried by ``requestToken(skew:logger:form:)``.
    public let retryPolicy: RetryPolicy
    /// Where each attempt's client span goes; nil uses `InstrumentationSystem.tracer` at the time of
    /// the request (a no-op until the app bootstraps one).
    public let tracer: (any Tracer)?
    /// The proxies its requests go through (direct by default).
    public let proxy: ProxyConfiguration

    /// An endpoint under `baseURL`, whose attempts are traced by `tracer` (nil: the bootstrapped one).
    /// - Throws: ``ConfigurationError`` (``ConfigurationError/Code/invalidURL``) unless the URL is
    ///   `https`, or `http` on a loopback host.
    public init(
        baseURL: URL = defaultBaseURL, transport: any HTTPTransport, timeout: TimeInterval = 30,
        retryPolicy: RetryPolicy = RetryPolicy(), proxy: ProxyConfiguration = .direct,
        tracer: (any Tracer)? = nil
    ) throws(ConfigurationError) {
        self.proxy = proxy
        try EndpointURL.validate(baseURL)
        self.tracer = tracer
        self.baseURL = baseURL
        self.retryPolicy = retryPolicy
        self.url = baseURL.appendingPathComponent("oauth2").appendingPathComponent("token")
        self.transport = transport
        self.timeout = timeout
    }

    /// Posts `form` once and returns the token (no retries; see ``requestToken(skew:logger:form:)``).
    /// - Throws: ``TokenEndpointError`` for a refusal or a malformed answer, ``TransportError`` when
    ///   no answer came.
    public func requestToken(form: [(String, String)], logger: Logger? = nil) async throws -> AccessToken {
        try await send(form: form, timeout: timeout, attempt: 1, logger: logger).accessToken
    }

    /// Posts one attempt. Logged at debug level with grant type, attempt, status and timing, never a field value.
    func send(
        form: [(String, String)], timeout: TimeInterval, attempt: Int, logger: Logger?
    ) async throws -> TokenResponse {
        let request = TransportRequest(
            method: "POST", url: url,
            headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Accept", "application/json")],
            body: FormEncoding.encode(form), timeout: timeout, proxy: proxy)
        let start = ContinuousClock.now
        // The debug line's metadata is built only when it is logged (formatting it costs more than
        // the rest of the request's own work).
        let logsDebug = logger.map { $0.logLevel <= .debug } ?? false
        return try await traced(attempt: attempt) {
            let response: TransportResponse
            do {
                response = try await transport.send(request)
            } catch {
                if logsDebug {
                    logger?.debug(
                        "token request failed",
                        metadata: Self.metadata(form: form, attempt: attempt, start: start, ["error": "\(error)"]))
                }
                throw error
            }
            if logsDebug {
                logger?.debug(
                    "token endpoint answered",
                    metadata: Self.metadata(
                        form: form, attempt: attempt, start: start, ["status": "\(response.status)"]))
            }
            return response
        } decode: { response in
            try TokenResponse.decode(response, url: url.absoluteString, receivedAt: Date())
        }
    }

    /// Grant type, attempt and elapsed time of one request, plus `extra`.
    private static func metadata(
        form: [(String, String)], attempt: Int, start: ContinuousClock.Instant, _ extra: Logger.Metadata
    ) -> Logger.Metadata {
        let grantType = form.first { $0.0 == "grant_type" }?.1 ?? "unknown"
        var metadata: Logger.Metadata = ["grant": "\(grantType)", "attempt": "\(attempt)"]
        metadata["elapsed"] = "\(milliseconds(since: start))"
        metadata.merge(extra) { _, new in new }
        return metadata
    }

    static func milliseconds(since start: ContinuousClock.Instant) -> String {
        let elapsed = ContinuousClock.now - start
        let value = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        return String(format: "%.1fms", value)
    }
}
