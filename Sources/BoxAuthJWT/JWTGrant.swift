public import BoxAuth
public import Foundation
public import Logging

/// The JWT bearer grant: signs a fresh assertion and exchanges it at the token endpoint.
///
/// Every call builds a new assertion (new `jti`, new `exp`); the key was decrypted once, before.
public struct JWTGrant: TokenFetcher {
    /// The grant type Box expects.
    public static let grantType = "urn:ietf:params:oauth:grant-type:jwt-bearer"

    /// The app's credentials.
    public let credentials: JWTAppCredentials
    /// Whom the token acts for (`sub`, `box_sub_type`).
    public let subject: BoxSubject
    /// The assertion's signature algorithm.
    public let algorithm: JWTAlgorithm
    /// Where tokens come from.
    public let endpoint: TokenEndpoint
    /// Receives one debug line per request.
    public let logger: Logger?
    /// The offset between the token endpoint's clock and this one, measured when Box refuses `exp`.
    public let clockSkew = ClockSkew()

    /// Creates a grant.
    public init(
        credentials: JWTAppCredentials, subject: BoxSubject, algorithm: JWTAlgorithm = .rs256,
        endpoint: TokenEndpoint, logger: Logger? = nil
    ) {
        self.credentials = credentials
        self.subject = subject
        self.algorithm = algorithm
        self.endpoint = endpoint
        self.logger = logger
    }

    /// Builds the form fields of one request, with a brand-new assertion.
    public func form(now: Date = Date()) throws -> [(String, String)] {
        let claims = try JWTClaims.fresh(clientID: credentials.clientID, subject: subject, now: now)
        let assertion = try JWTAssertion(
            claims: claims, keyID: credentials.publicKeyID, algorithm: algorithm, key: credentials.privateKey)
        return [
            ("grant_type", Self.grantType),
            ("assertion", assertion.compact.exposedValue),
            ("client_id", credentials.clientID),
            ("client_secret", credentials.clientSecret.exposedValue),
        ]
    }

    /// Signs an assertion and exchanges it for a token, with a new assertion for every retry.
    public func fetchToken() async throws -> AccessToken {
        try await endpoint.requestToken(skew: clockSkew, logger: logger) { now in try form(now: now) }
    }
}

extension JWTGrant: AppCredentialsProviding {
    /// The app's client ID and secret (for revoking tokens).
    public var appCredentials: AppCredentials {
        AppCredentials(clientID: credentials.clientID, clientSecret: credentials.clientSecret)
    }
}
