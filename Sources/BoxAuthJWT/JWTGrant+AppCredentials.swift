import BoxAuth

extension JWTGrant: AppCredentialsProviding {
    /// The app's client ID and secret (for revoking tokens).
    public var appCredentials: AppCredentials {
        AppCredentials(clientID: credentials.clientID, clientSecret: credentials.clientSecret)
    }
}
