import BoxAuth
import Foundation

/// A `POST /oauth2/token` form, checked as Box checks it: the client credentials, then the grant.
struct TokenRequest: Sendable {
    /// What a request that passed every check is granted.
    struct Grant: Sendable {
        /// The app the token is issued to.
        let app: EmulatedApp
        /// Whom the token acts for.
        let subject: BoxSubject
        /// The accepted assertion, for the JWT bearer grant.
        let assertion: JWTBearerGrantCheck.Accepted?
    }

    /// The form fields, in order.
    let fields: [(String, String)]

    /// Reads a form body.
    init(body: Data) { fields = FormEncoding.decode(body) }

    /// The first value of field `name`, if present.
    func value(_ name: String) -> String? { fields.first { $0.0 == name }?.1 }

    /// The `client_id` field, which is safe to log.
    var clientID: String? { value("client_id") }

    /// Checks the request against the registered apps, the `jti`s already used and the clock.
    /// - Throws: The first ``TokenRejection`` that applies.
    func check(apps: [String: EmulatedApp], seen: SeenJWTIDs, now: Date) throws(TokenRejection) -> Grant {
        let grantType = value("grant_type")
        guard grantType == JWTBearerGrantCheck.grantType || grantType == ClientCredentialsGrantCheck.grantType else {
            throw .unsupportedGrantType
        }
        let app = try authenticatedApp(apps)
        if grantType == ClientCredentialsGrantCheck.grantType {
            let subject = try ClientCredentialsGrantCheck(app: app)
                .check(subjectType: value("box_subject_type"), subjectID: value("box_subject_id"))
            return Grant(app: app, subject: subject, assertion: nil)
        }
        guard let assertion = value("assertion"), !assertion.isEmpty else { throw .missingParameter("assertion") }
        let accepted = try JWTBearerGrantCheck(app: app, now: now).check(assertion, seen: seen)
        return Grant(app: app, subject: accepted.subject, assertion: accepted)
    }

    /// Whether the form carries the `client_id` and `client_secret` of a registered app.
    func isAuthenticated(apps: [String: EmulatedApp]) -> Bool { (try? authenticatedApp(apps)) != nil }

    /// The app whose `client_id` and `client_secret` the form carries.
    private func authenticatedApp(_ apps: [String: EmulatedApp]) throws(TokenRejection) -> EmulatedApp {
        guard let clientID, let app = apps[clientID], let secret = value("client_secret"),
            Self.constantTimeEquals(secret, app.clientSecret)
        else { throw .invalidClient }
        return app
    }

    /// Compares secrets without stopping at the first difference.
    private static func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8)
        let right = Array(rhs.utf8)
        guard left.count == right.count else { return false }
        return zip(left, right).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
