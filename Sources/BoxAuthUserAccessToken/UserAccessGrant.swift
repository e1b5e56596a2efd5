public import BoxAuth
public import BoxAuthClientCredentials
public import BoxAuthJWT

/// The grant behind a `user-access-token` profile: the JWT or the Client Credentials grant, with
/// the user as subject.
public enum UserAccessGrant: TokenFetcher, AppCredentialsProviding {
    /// A JWT assertion with the user as `sub`.
    case jwt(JWTGrant)
    /// The Client Credentials Grant with the user as `box_subject_id`.
    case clientCredentials(ClientCredentialsGrant)

    /// The user the tokens act for.
    public var subject: BoxSubject {
        switch self {
        case .jwt(let grant): grant.subject
        case .clientCredentials(let grant): grant.subject
        }
    }

    /// The app's client ID and secret (for revoking tokens).
    public var appCredentials: AppCredentials {
        switch self {
        case .jwt(let grant): grant.appCredentials
        case .clientCredentials(let grant): grant.appCredentials
        }
    }

    /// Fetches a new token through the chosen grant.
    public func fetchToken() async throws -> AccessToken {
        switch self {
        case .jwt(let grant): try await grant.fetchToken()
        case .clientCredentials(let grant): try await grant.fetchToken()
        }
    }
}
