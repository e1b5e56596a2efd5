import BoxAuth
import Foundation
import Logging

extension EmulatorState {
    /// Issues an authorization code for `request`, granted by user `userID`, and returns it.
    func issueAuthorizationCode(for request: ConsentRequest.Accepted, userID: String) -> String {
        let now = self.now
        let value = IssuedToken.randomValue()
        let code = AuthorizationCode(
            clientID: request.app.clientID, redirectURI: request.redirectURI, userID: userID,
            codeChallenge: request.codeChallenge, scope: request.scope)
        authorizationCodes.insert(
            code, key: value, expiresAt: now.addingTimeInterval(authorizationCodeLifetime), now: now)
        counters.authorizationCodesIssued += 1
        logger.info("Issued authorization code", metadata: ["client_id": "\(code.clientID)", "user": "\(userID)"])
        return value
    }

    /// Redeems the code `check` presents: refused when unknown, used or another app's; otherwise
    /// consumed at once, then checked (expiry, redirect URI, PKCE) and exchanged for tokens.
    func redeem(
        _ check: AuthorizationCodeGrantCheck, request: TokenRequest, now: Date
    ) -> Result<TokenGrantResponse, TokenRejection> {
        // Another app's code is refused without consuming it, so it cannot be burnt by a stranger.
        guard let (code, expiresAt) = authorizationCodes.entry(check.code), code.clientID == check.app.clientID else {
            return .failure(refuse(request, .invalidAuthorizationCode))
        }
        authorizationCodes.remove(check.code)
        do {
            try check.check(code, expiresAt: expiresAt, now: now)
        } catch {
            return .failure(refuse(request, error))
        }
        counters.authorizationCodeExchanges += 1
        return .success(
            issueWithRefreshToken(to: check.app.clientID, for: .user(code.userID), scope: code.scope, now: now))
    }

    /// Spends the refresh token `check` presents for new tokens, a new refresh token among them:
    /// refused when unknown, spent, revoked, another app's or expired.
    func refresh(
        _ check: RefreshTokenGrantCheck, request: TokenRequest, now: Date
    ) -> Result<TokenGrantResponse, TokenRejection> {
        guard let (token, expiresAt) = refreshTokens.entry(check.refreshToken), token.clientID == check.app.clientID
        else { return .failure(refuse(request, .invalidRefreshToken)) }
        refreshTokens.remove(check.refreshToken)
        do {
            try check.check(expiresAt: expiresAt, now: now)
        } catch {
            return .failure(refuse(request, error))
        }
        counters.refreshTokenGrants += 1
        return .success(issueWithRefreshToken(to: token.clientID, for: token.subject, scope: token.scope, now: now))
    }

    /// An access token and a new refresh token for `subject`, counted in ``counters``.
    private func issueWithRefreshToken(
        to clientID: String, for subject: BoxSubject, scope: String?, now: Date
    ) -> TokenGrantResponse {
        let accessToken = issue(to: clientID, for: subject, now: now)
        let refreshValue = IssuedToken.randomValue()
        refreshTokens.insert(
            RefreshToken(clientID: clientID, subject: subject, scope: scope), key: refreshValue,
            expiresAt: now.addingTimeInterval(refreshTokenLifetime), now: now)
        counters.tokensIssued += 1
        logger.info("Issued token and refresh token", metadata: ["client_id": "\(clientID)", "subject": "\(subject)"])
        return TokenGrantResponse(accessToken: accessToken, expiresIn: tokenLifetime, refreshToken: refreshValue)
    }
}
