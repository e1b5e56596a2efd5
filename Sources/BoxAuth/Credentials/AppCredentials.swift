/// An app's client ID and secret, for the calls that need them besides getting tokens (revoking).
public struct AppCredentials: Sendable, Hashable, CustomStringConvertible {
    /// The app's client ID.
    public let clientID: String
    /// The app's client secret.
    public let clientSecret: Secret

    /// Credentials from their parts.
    public init(clientID: String, clientSecret: Secret) {
        self.clientID = clientID
        self.clientSecret = clientSecret
    }

    /// Shows the client ID only.
    public var description: String { "AppCredentials(clientID: \(clientID), clientSecret: <redacted>)" }
}

/// A provider that can tell the app credentials behind its tokens.
public protocol AppCredentialsProviding: Sendable {
    /// The app's client ID and secret.
    var appCredentials: AppCredentials { get }
}
