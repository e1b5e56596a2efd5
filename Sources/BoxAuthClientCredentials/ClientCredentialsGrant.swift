public import BoxAuth
public import Logging

/// The Client Credentials Grant: posts the client ID and secret with the subject.
public struct ClientCredentialsGrant: TokenFetcher {
    /// The app's credentials.
    public let credentials: ClientCredentials
    /// The enterprise (service account) or user the token acts for.
    public let subject: BoxSubject
    /// Where tokens come from.
    public let endpoint: TokenEndpoint
    /// Receives one debug line per request.
    public let logger: Logger?

    /// Creates a grant.
    public init(credentials: ClientCredentials, subject: BoxSubject, endpoint: TokenEndpoint, logger: Logger? = nil) {
        self.credentials = credentials
        self.subject = subject
        self.endpoint = endpoint
        self.logger = logger
    }

    /// The form fields of one request.
    public var form: [(String, String)] {
        [
            ("grant_type", "client_credentials"),
            ("client_id", credentials.clientID),
            ("client_secret", credentials.clientSecret.exposedValue),
            ("box_subject_type", subject.kind.rawValue),
            ("box_subject_id", subject.id),
        ]
    }

    /// Exchanges the credentials for a token, retrying as the endpoint's policy says.
    public func fetchToken() async throws -> AccessToken {
        try await endpoint.requestToken(logger: logger) { _ in form }
    }
}

extension ClientCredentialsGrant: AppCredentialsProviding {
    /// The app's client ID and secret (for revoking tokens).
    public var appCredentials: AppCredentials {
        AppCredentials(clientID: credentials.clientID, clientSecret: credentials.clientSecret)
    }
}
