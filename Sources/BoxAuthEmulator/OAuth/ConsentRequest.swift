import BoxAuth
import Foundation

/// The parameters of an authorization request: the query of `GET /api/oauth2/authorize`, or the
/// consent form posted back to it, checked as RFC 6749 §4.1.1 and RFC 7636 §4.3 say.
struct ConsentRequest: Sendable {
    /// A request that passed every check: what the consent page shows and a code remembers.
    struct Accepted: Sendable {
        /// The app named by `client_id`.
        let app: EmulatedApp
        /// `redirect_uri`, acceptable for the app.
        let redirectURI: String
        /// `state`, echoed back to the redirect URI.
        let state: String?
        /// `scope`, if any.
        let scope: String?
        /// `code_challenge` (`S256`), if any.
        let codeChallenge: String?
    }

    /// The parameters the consent form carries back in hidden fields, in this order.
    static let parameterNames = [
        "response_type", "client_id", "redirect_uri", "state", "scope", "code_challenge", "code_challenge_method",
    ]

    /// The fields, in order.
    let fields: [(String, String)]

    /// The first value of field `name`, if present.
    func value(_ name: String) -> String? { fields.first { $0.0 == name }?.1 }

    /// The authorization parameters present (the first value of each), in ``parameterNames`` order.
    var parameters: [(String, String)] {
        Self.parameterNames.compactMap { name in value(name).map { (name, $0) } }
    }

    /// Checks the client and redirect URI first (refusals on a page), then the response type and
    /// PKCE parameters (refusals at the redirect URI, with `state`).
    func check(apps: [String: EmulatedApp]) -> Result<Accepted, AuthorizationRefusal> {
        guard let clientID = value("client_id"), !clientID.isEmpty else {
            return .failure(.page(message: "The 'client_id' parameter is missing. Send the client ID of your Box app."))
        }
        guard let app = apps[clientID] else {
            return .failure(
                .page(
                    message: "No app with client ID '\(clientID)' is registered with the emulator. "
                        + "Check the client ID, or register the app (BoxEmulator.register)."))
        }
        guard let redirectURI = value("redirect_uri"), !redirectURI.isEmpty else {
            return .failure(
                .page(message: "The 'redirect_uri' parameter is missing. Send one of the app's redirect URIs."))
        }
        guard RedirectURIRule.accepts(redirectURI, registered: app.redirectURIs) else {
            return .failure(
                .page(
                    message: "The redirect URI '\(redirectURI)' is not registered for this app. Registered: "
                        + app.redirectURIs.joined(separator: ", ")
                        + " (a loopback URI accepts any port). Add it to EmulatedApp.redirectURIs or send one of these."
                ))
        }
        let state = value("state")
        guard value("response_type") == "code" else {
            return .failure(
                .redirect(
                    redirectURI: redirectURI, error: "unsupported_response_type",
                    description: "The 'response_type' parameter must be 'code'.", state: state))
        }
        let challenge = value("code_challenge")
        switch (challenge, value("code_challenge_method")) {
        case (_, let method?) where method != "S256":
            return .failure(
                .invalidRequest(
                    "The 'code_challenge_method' parameter must be 'S256'.", redirectURI: redirectURI, state: state))
        case (nil, .some):
            return .failure(
                .invalidRequest(
                    "The 'code_challenge' parameter is required with 'code_challenge_method'.",
                    redirectURI: redirectURI, state: state))
        case (.some, nil):
            return .failure(
                .invalidRequest(
                    "The 'code_challenge_method' parameter must be 'S256' ('plain' is not supported).",
                    redirectURI: redirectURI, state: state))
        case (let challenge?, _) where !CodeChallenge.isWellFormed(challenge):
            return .failure(
                .invalidRequest(
                    "The 'code_challenge' parameter must be BASE64URL(SHA256(code_verifier)): 43 characters.",
                    redirectURI: redirectURI, state: state))
        default:
            break
        }
        return .success(
            Accepted(
                app: app, redirectURI: redirectURI, state: state, scope: value("scope"), codeChallenge: challenge))
    }
}
