import BoxAuth
import BoxAuthTestSupport
import Testing

/// The providers the fault matrix runs: every built-in kind that gets its tokens from the token
/// endpoint, and both grants of `user-access-token`.
enum MatrixProvider: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case jwt = "jwt"
    case clientCredentials = "client-credentials"
    case userJWT = "user-access-token (grant jwt)"
    case userClientCredentials = "user-access-token (grant client-credentials)"

    var testDescription: String { rawValue }

    /// Whether its requests carry a signed assertion (with `jti` and `exp`).
    var signsAssertions: Bool { self == .jwt || self == .userJWT }

    /// Whom its tokens act for.
    var subject: BoxSubject {
        switch self {
        case .jwt, .clientCredentials: .enterprise(TestIdentity.enterpriseID)
        case .userJWT, .userClientCredentials: .user(TestIdentity.userID)
        }
    }

    /// The profile entry for `app`, with its credentials inline (no file to read or write) and
    /// `policy`'s retry settings.
    func entry(app: BoxAppConfig, policy: MatrixPolicy) -> [String: JSONValue] {
        var entry = policy.settings
        let clientCredentials: [String: JSONValue] = [
            "clientID": .string(app.clientID), "clientSecret": .string(app.clientSecret.exposedValue),
        ]
        var jwtCredentials = clientCredentials
        jwtCredentials["publicKeyID"] = .string(app.publicKeyID)
        jwtCredentials["privateKey"] = .string(app.privateKey.exposedValue)
        jwtCredentials["passphrase"] = .string(app.passphrase?.exposedValue ?? "")
        switch self {
        case .jwt:
            entry["provider"] = .string("jwt")
            entry["enterpriseID"] = .string(TestIdentity.enterpriseID)
            entry.merge(jwtCredentials) { _, new in new }
        case .clientCredentials:
            entry["provider"] = .string("client-credentials")
            entry["enterpriseID"] = .string(TestIdentity.enterpriseID)
            entry.merge(clientCredentials) { _, new in new }
        case .userJWT:
            entry["provider"] = .string("user-access-token")
            entry["userID"] = .string(TestIdentity.userID)
            entry["grant"] = .string("jwt")
            entry.merge(jwtCredentials) { _, new in new }
        case .userClientCredentials:
            entry["provider"] = .string("user-access-token")
            entry["userID"] = .string(TestIdentity.userID)
            entry["grant"] = .string("client-credentials")
            entry.merge(clientCredentials) { _, new in new }
        }
        return entry
    }
}

/// The retry settings of the profiles under test: short, so that the matrix runs quickly.
///
/// The timeout is 2 s where a stall must outlast it; elsewhere it is 5 s (the deadline bounds it
/// anyway), so that a loaded machine cannot turn a slow answer into a retry the row did not expect.
struct MatrixPolicy: Sendable {
    /// `maxAttempts`.
    var maxAttempts = 3
    /// `retryDeadline`, in seconds.
    var retryDeadline: Double = 5
    /// `timeout`, in seconds.
    var timeout: Double = 5

    /// The policy for rows whose fault stalls: a 2 s timeout.
    static let stalling = MatrixPolicy(timeout: 2)

    /// The settings as profile members.
    var settings: [String: JSONValue] {
        [
            "maxAttempts": .integer(Int64(maxAttempts)), "retryDeadline": .number(retryDeadline),
            "timeout": .number(timeout),
        ]
    }
}
