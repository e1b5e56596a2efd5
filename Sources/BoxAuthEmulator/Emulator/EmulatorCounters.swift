/// A snapshot of what the emulator's token endpoint has seen, for tests to assert on.
public struct EmulatorCounters: Sendable, Hashable {
    /// Requests to `POST /oauth2/token`: answered, refused, or given an injected fault
    /// (``EmulatorFault``), each counted once when it arrives.
    public var tokenRequests: Int
    /// Access tokens the token endpoint issued (developer tokens are not counted).
    public var tokensIssued: Int
    /// Downscoped tokens issued through the token-exchange grant (also counted in ``tokensIssued``).
    public var tokensDownscoped: Int = 0
    /// Access tokens revoked through `POST /oauth2/revoke` (refresh tokens are counted in
    /// ``refreshTokensRevoked``).
    public var tokensRevoked: Int = 0
    /// Authorization codes issued by the consent form (`POST /api/oauth2/authorize` with
    /// `consent=grant`).
    public var authorizationCodesIssued: Int = 0
    /// Authorization codes exchanged for tokens (`grant_type=authorization_code` answered with a
    /// token; also counted in ``tokensIssued``). Refused exchanges are counted in ``rejections``.
    public var authorizationCodeExchanges: Int = 0
    /// Refresh grants answered with new tokens (`grant_type=refresh_token`; also counted in
    /// ``tokensIssued``). Refused refreshes are counted in ``rejections``.
    public var refreshTokenGrants: Int = 0
    /// Refresh tokens revoked through `POST /oauth2/revoke`.
    public var refreshTokensRevoked: Int = 0
    /// Refused token requests by reason: `invalid_client`, `grant_type`, `invalid_request`,
    /// `assertion`, `alg`, `kid`, `signature`, `iss`, `aud`, `box_sub_type`, `sub`, `exp`, `jti`,
    /// `subject`, `subject_token`, `scope`, `resource`, and for the authorization-code and
    /// refresh-token grants `code`, `redirect_uri`, `code_verifier` and `refresh_token`.
    public var rejections: [String: Int]

    /// Creates a snapshot.
    package init(tokenRequests: Int = 0, tokensIssued: Int = 0, rejections: [String: Int] = [:]) {
        self.tokenRequests = tokenRequests
        self.tokensIssued = tokensIssued
        self.rejections = rejections
    }

    /// How many token requests were refused for `reason` (0 if none).
    public func rejections(for reason: String) -> Int { rejections[reason, default: 0] }

    /// How many token requests were refused, for any reason.
    public var totalRejections: Int { rejections.values.reduce(0, +) }
}
