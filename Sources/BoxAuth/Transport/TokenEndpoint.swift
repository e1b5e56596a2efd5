import Foundation
import Logging

/// Box's token endpoint (`{baseURL}/oauth2/token`): posts a grant as a form and reads the token.
public struct TokenEndpoint: Sendable {
    /// The default API address.
    public static let defaultBaseURL = URL(string: "https://api.box.com")!

    /// The endpoint's URL.
    public let url: URL
    /// The transport requests go through.
    public let transport: any HTTPTransport
    /// Seconds to wait for an answer.
    public let timeout: TimeInterval

    /// An endpoint under `baseURL`.
    /// - Throws: ``ConfigurationError`` (``ConfigurationError/Code/invalidURL``) unless the URL is
    ///   `https`, or `http` on a loopback host.
    public init(baseURL: URL = defaultBaseURL, transport: any HTTPTransport, timeout: TimeInterval = 30) throws(ConfigurationError) {
        try EndpointURL.validate(baseURL)
        self.url = baseURL.appendingPathComponent("oauth2").appendingPathComponent("token")
        self.transport = transport
        self.timeout = timeout
    }

    /// Posts `form` and returns the token.
    /// - Throws: ``TokenEndpointError`` for a refusal or a malformed answer, ``TransportError`` when
    ///   no answer came.
    ///   The request is logged at debug level with its grant type, status and timing, never its fields.
    public func requestToken(form: [(String, String)], logger: Logger? = nil) async throws -> AccessToken {
        let request = HTTPRequest(
            method: "POST", url: url,
            headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Accept", "application/json")],
            body: FormEncoding.encode(form), timeout: timeout)
        let grantType = form.first { $0.0 == "grant_type" }?.1 ?? "unknown"
        let start = ContinuousClock.now
        func elapsed() -> String { "\((ContinuousClock.now - start).components.attoseconds / 1_000_000_000_000_000 + (ContinuousClock.now - start).components.seconds * 1000)ms" }
        let response: HTTPResponse
        do {
            response = try await transport.send(request)
        } catch {
            logger?.debug("token request failed", metadata: ["grant": "\(grantType)", "error": "\(error)", "elapsed": "\(elapsed())"])
            throw error
        }
        logger?.debug(
            "token endpoint answered",
            metadata: ["grant": "\(grantType)", "status": "\(response.status)", "elapsed": "\(elapsed())"])
        return try TokenResponse.decode(response, url: url.absoluteString, receivedAt: Date())
    }
}
