public import BoxAuth
public import Logging

/// Tokens that act as one user, obtained through the JWT or the Client Credentials grant with the
/// user as subject; cached and refreshed early.
///
/// ```swift
/// let grant = JWTGrant(credentials: try JWTAppCredentials(config: config), subject: .user("33333"), endpoint: endpoint)
/// let provider = UserAccessTokenAuthProvider(grant: .jwt(grant))
/// ```
public typealias UserAccessTokenAuthProvider = CachedAuthProvider<UserAccessGrant>

extension CachedAuthProvider where Grant == UserAccessGrant {
    /// A provider for `grant`, renewing tokens `refreshMargin` seconds before they expire.
    public init(
        grant: UserAccessGrant, refreshMargin: Double = TokenCache.defaultRefreshMargin,
        logger: Logger = Logger(label: "box-auth")
    ) {
        self.init(
            kind: UserAccessTokenProviderFactory.kind, grant: grant, subject: grant.subject,
            refreshMargin: refreshMargin, logger: logger)
    }

    /// The user the tokens act for.
    public var user: BoxSubject { grant.subject }
}
