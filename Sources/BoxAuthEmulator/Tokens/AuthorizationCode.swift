/// An authorization code the consent form issued, and what it remembers of the authorization
/// request, to check the token request that redeems it (RFC 6749 §4.1.3, RFC 7636 §4.6).
struct AuthorizationCode: Sendable, Hashable {
    /// The app that asked for it; only this app may redeem it.
    let clientID: String
    /// The `redirect_uri` of the authorization request; the token request must send it again.
    let redirectURI: String
    /// The user who granted access, whom the tokens act for.
    let userID: String
    /// The `code_challenge` (`S256`), or nil when the request had none.
    let codeChallenge: String?
    /// The `scope` asked for, if any.
    let scope: String?
}
