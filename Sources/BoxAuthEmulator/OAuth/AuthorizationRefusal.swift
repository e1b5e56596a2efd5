/// Why the authorization endpoint (`/api/oauth2/authorize`) did not show the consent page or issue
/// a code.
enum AuthorizationRefusal: Error, Sendable, Hashable {
    /// The client or its redirect URI cannot be trusted, so nothing is sent to the redirect URI
    /// (RFC 6749 §4.1.2.1): a 400 HTML page saying `message` instead.
    case page(message: String)
    /// The request is refused at the client's redirect URI:
    /// `redirectURI?error=...&error_description=...&state=...`.
    case redirect(redirectURI: String, error: String, description: String, state: String?)

    /// `error=invalid_request` at `redirectURI`.
    static func invalidRequest(_ description: String, redirectURI: String, state: String?) -> AuthorizationRefusal {
        .redirect(redirectURI: redirectURI, error: "invalid_request", description: description, state: state)
    }

    /// Where the client is sent, or nil for a ``page(message:)`` refusal.
    var location: String? {
        guard case .redirect(let redirectURI, let error, let description, let state) = self else { return nil }
        var parameters = [("error", error), ("error_description", description)]
        if let state { parameters.append(("state", state)) }
        return AuthorizationRedirect.location(redirectURI, parameters)
    }
}
