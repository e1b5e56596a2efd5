/// A token request as the routes checked it, outside the state actor: what is left for the state
/// to do (the `jti` replay check, codes and refresh tokens, issuing and counting).
enum TokenVerdict: Sendable {
    /// A token-exchange (downscoping) request, which the state checks against the tokens it issued.
    case downscope
    /// The request passed every check that does not need the state; a JWT bearer grant's `jti`
    /// still has to be new.
    case granted(TokenRequest.Grant)
    /// An authorization-code grant from an authenticated app, whose code the state checks and
    /// consumes.
    case authorizationCode(AuthorizationCodeGrantCheck)
    /// A refresh-token grant from an authenticated app, whose refresh token the state checks and
    /// rotates.
    case refresh(RefreshTokenGrantCheck)
    /// The request is refused.
    case refused(TokenRejection)
}
