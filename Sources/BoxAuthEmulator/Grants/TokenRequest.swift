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
    /// The `assertion` field taken apart, once per request; nil when the field is absent or empty.
    let assertion: Result<DecodedJWT, DecodedJWT.FormatError>?

    /// Reads a form body, and takes its assertion apart (without verifying it).
    init(body: Data) {
        fields = FormEncoding.decode(body)
        let compact = fields.first { $0.0 == "assertion" }?.1
        assertion = compact.flatMap { compact in
            compact.isEmpty ? nil : Result { () throws(DecodedJWT.FormatError) in try DecodedJWT(compact: compact) }
        }
    }

    /// The first value of field `name`, if present.
    func value(_ name: String) -> String? { fields.first { $0.0 == name }?.1 }

    /// The `client_id` field, which is safe to log.
    var clientID: String? { value("client_id") }

    /// Checks the request against a snapshot of the registered apps and the clock: everything but
    /// the `jti` replay check (which needs the state) and downscoping (checked by the state).
    /// Signatures are verified here, outside the state actor.
    /// The authorization-code grant's verifier is hashed here too; its code, like a refresh
    /// token, is checked by the state.
    func verdict(apps: [String: EmulatedApp], now: Date) -> TokenVerdict {
        do {
            switch value("grant_type") {
            case TokenExchangeGrantCheck.grantType:
                return .downscope
            case AuthorizationCodeGrantCheck.grantType:
                return .authorizationCode(try AuthorizationCodeGrantCheck(self, app: try authenticatedApp(apps)))
            case RefreshTokenGrantCheck.grantType:
                return .refresh(try RefreshTokenGrantCheck(self, app: try authenticatedApp(apps)))
            default:
                return .granted(try check(apps: apps, now: now))
            }
        } catch {
            return .refused(error)
        }
    }

    /// Checks the request against the registered apps and the clock, but not the `jti`s already
    /// used.
    /// - Throws: The first ``TokenRejection`` that applies.
    func check(apps: [String: EmulatedApp], now: Date) throws(TokenRejection) -> Grant {
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
        guard let assertion else { throw .missingParameter("assertion") }
        let accepted = try JWTBearerGrantCheck(app: app, now: now).check(assertion)
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
