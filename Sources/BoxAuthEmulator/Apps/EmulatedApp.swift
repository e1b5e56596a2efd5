public import BoxAuth

/// A Box app as the emulator knows it: its client credentials, its public keys, its enterprise
/// and the users it may act for.
///
/// ```swift
/// let app = EmulatedApp(
///     clientID: "abc123", clientSecret: "s3cret", enterpriseID: "1234567",
///     publicKeys: ["kid1": try key.publicKey], knownUserIDs: ["33333"])
/// await emulator.register(app)
/// ```
/// The client secret never appears in `description`, `debugDescription` or `dump`.
public struct EmulatedApp: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The app's client ID (`client_id`, the `iss` of its assertions).
    public var clientID: String
    /// The app's client secret (`client_secret`).
    public var clientSecret: String
    /// The enterprise the app is authorized in: the `sub` of enterprise assertions. Nil for an app
    /// that is not tied to an enterprise, which then cannot get enterprise tokens.
    public var enterpriseID: String?
    /// The registered public keys by key ID (`kid`).
    public var publicKeys: [String: RSAPublicKey]
    /// The user IDs the app may get user tokens for and act as (`As-User`).
    public var knownUserIDs: Set<String>
    /// Display names of known users, by user ID; users without one get a generated name.
    public var userNames: [String: String]
    /// The user ID of the app's service account, which `/2.0/users/me` shows for enterprise tokens.
    public var serviceAccountID: String
    /// The app's name, which is also its service account's name.
    public var name: String
    /// The name the OAuth 2.0 consent page shows (`GET /api/oauth2/authorize`).
    public var displayName: String
    /// The redirect URIs registered for the OAuth 2.0 authorization-code flow.
    ///
    /// A request's `redirect_uri` is accepted when it equals one of them exactly, or when one of them
    /// is an `http` loopback URI (`127.0.0.1`, `localhost` or `[::1]`) and the request's is an
    /// `http` loopback URI with the same path and query on any port (RFC 8252 §7.3).
    public var redirectURIs: [String]

    /// The redirect URIs an app gets when none are given: `http://127.0.0.1/callback`, which
    /// accepts `http://127.0.0.1:<any port>/callback` (and `localhost`, `[::1]`).
    public static let defaultRedirectURIs = ["http://127.0.0.1/callback"]

    /// Creates an app.
    /// - Parameters:
    ///   - serviceAccountID: Defaults to a numeric ID derived from `clientID`, stable across runs.
    ///   - name: Defaults to `Emulated App <clientID prefix>`.
    ///   - displayName: What the consent page calls the app; defaults to `name`.
    ///   - redirectURIs: The OAuth 2.0 redirect URIs; defaults to ``defaultRedirectURIs``.
    public init(
        clientID: String, clientSecret: String, enterpriseID: String?, publicKeys: [String: RSAPublicKey],
        knownUserIDs: Set<String> = [], userNames: [String: String] = [:],
        serviceAccountID: String? = nil, name: String? = nil, displayName: String? = nil,
        redirectURIs: [String] = EmulatedApp.defaultRedirectURIs
    ) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.enterpriseID = enterpriseID
        self.publicKeys = publicKeys
        self.knownUserIDs = knownUserIDs
        self.userNames = userNames
        self.serviceAccountID = serviceAccountID ?? Self.derivedServiceAccountID(clientID: clientID)
        self.name = name ?? "Emulated App \(clientID.prefix(8))"
        self.displayName = displayName ?? self.name
        self.redirectURIs = redirectURIs
    }

    /// A numeric-looking user ID derived from `clientID` (FNV-1a), the same in every run.
    package static func derivedServiceAccountID(clientID: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in clientID.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return "2" + String(hash % 10_000_000_000).leftPadded(to: 10)
    }

    /// Shows the IDs only.
    public var description: String {
        "EmulatedApp(clientID: \(clientID), enterpriseID: \(enterpriseID ?? "none"), "
            + "keys: \(publicKeys.keys.sorted()), users: \(knownUserIDs.count), clientSecret: <redacted>)"
    }
    /// Same as ``description``.
    public var debugDescription: String { description }
    /// A mirror without children, so `dump` cannot reveal the client secret.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}

extension String {
    fileprivate func leftPadded(to length: Int) -> String {
        count >= length ? self : String(repeating: "0", count: length - count) + self
    }
}
