public import BoxAuth
import Foundation

/// The one set of made-up identities every test uses: the app of `Fixtures/box_config.json`
/// (whose key is the committed test key), its enterprise and two users.
///
/// Their secrets are known, so tests can look for them in output: none of them may ever appear in
/// a log line, an error or CLI output.
public enum TestIdentity {
    /// The app's client ID.
    public static let clientID = "test-client-id"
    /// The app's client secret.
    public static let clientSecret = "test-client-secret"
    /// The key ID the app's public key is registered under.
    public static let publicKeyID = "test-kid-1"
    /// The passphrase of the app's encrypted private key.
    public static let passphrase = Fixtures.passphrase
    /// The enterprise the app is authorized in.
    public static let enterpriseID = "1234567"
    /// A user the app may act as.
    public static let userID = "33333"
    /// Another user the app may act as.
    public static let otherUserID = "44444"
    /// The users' names, as `/2.0/users/me` shows them.
    public static let userNames = [userID: "Alice Demo", otherUserID: "Bob Demo"]
    /// The JWT bearer grant type.
    public static let jwtGrantType = "urn:ietf:params:oauth:grant-type:jwt-bearer"

    /// The app's configuration, as `Fixtures/box_config.json` holds it (loaded once per process).
    public static var config: BoxAppConfig {
        get throws { try loadedConfig.get() }
    }

    private static let loadedConfig = Result { () throws -> BoxAppConfig in
        try BoxAppConfig.load(contentsOf: try Fixtures.url("box_config.json"))
    }

    /// Every secret string of the identity: none may appear in output.
    public static var secrets: [String] {
        get throws {
            [clientSecret, passphrase] + TestKeys.bodyLines(of: try TestKeys.text(TestKeys.boxConsole))
        }
    }
}
