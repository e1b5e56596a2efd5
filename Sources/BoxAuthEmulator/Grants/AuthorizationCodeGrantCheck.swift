import Foundation

/// The authorization-code grant (`authorization_code`, RFC 6749 §4.1.3 with PKCE, RFC 7636 §4.6):
/// what the form presents, read and hashed outside the state actor, and the checks of the stored
/// code it redeems.
struct AuthorizationCodeGrantCheck: Sendable {
    /// The `grant_type` value.
    static let grantType = "authorization_code"

    /// The app whose client credentials were accepted.
    let app: EmulatedApp
    /// `code`.
    let code: String
    /// `redirect_uri`, if sent.
    let redirectURI: String?
    /// Whether `code_verifier` was sent.
    let sentVerifier: Bool
    /// `BASE64URL(SHA256(code_verifier))`; nil when no verifier was sent or it is malformed.
    let verifierChallenge: String?

    /// Reads the form of an authenticated `app`.
    /// - Throws: ``TokenRejection/missingParameter(_:)`` when `code` is missing.
    init(_ request: TokenRequest, app: EmulatedApp) throws(TokenRejection) {
        guard let code = request.value("code"), !code.isEmpty else { throw .missingParameter("code") }
        self.app = app
        self.code = code
        redirectURI = request.value("redirect_uri")
        let verifier = request.value("code_verifier")
        sentVerifier = verifier != nil
        verifierChallenge = verifier.flatMap(CodeChallenge.s256(verifier:))
    }

    /// Checks `stored`, the code this request redeems (already consumed: a code is single use even
    /// when this check fails), at `now`.
    /// - Throws: ``TokenRejection`` for an expired code, a redirect URI other than the
    ///   authorization request's, or a verifier that does not match its challenge.
    func check(_ stored: AuthorizationCode, expiresAt: Date, now: Date) throws(TokenRejection) {
        guard now < expiresAt else { throw .authorizationCodeExpired }
        guard redirectURI == stored.redirectURI else { throw .redirectURIMismatch }
        if let challenge = stored.codeChallenge {
            guard let verifierChallenge, verifierChallenge == challenge else { throw .codeVerifier }
        } else if sentVerifier {
            throw .codeVerifierWithoutChallenge
        }
    }
}

extension TokenRejection {
    /// The code is unknown, used before, or another app's.
    static let invalidAuthorizationCode = TokenRejection(
        reason: "code", error: "invalid_grant", description: "Auth code doesn't exist or is invalid for the client")

    /// The code is older than its lifetime (30 s).
    static let authorizationCodeExpired = TokenRejection(
        reason: "code", error: "invalid_grant", description: "The authorization code has expired")

    /// `redirect_uri` is missing or differs from the authorization request's.
    static let redirectURIMismatch = TokenRejection(
        reason: "redirect_uri", error: "invalid_grant",
        description:
            "The redirect URI is missing or does not match the one used in the authorization request")

    /// The authorization request had a `code_challenge`, and `code_verifier` is missing or does not
    /// hash to it.
    static let codeVerifier = TokenRejection(
        reason: "code_verifier", error: "invalid_grant", description: "Invalid code_verifier")

    /// A `code_verifier` came for a code whose authorization request had no `code_challenge`.
    static let codeVerifierWithoutChallenge = TokenRejection(
        reason: "code_verifier", error: "invalid_grant",
        description: "Invalid code_verifier: the authorization request had no code_challenge")
}
