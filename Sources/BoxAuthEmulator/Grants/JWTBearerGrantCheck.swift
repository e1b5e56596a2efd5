import BoxAuth
import Foundation

/// The JWT bearer grant (`urn:ietf:params:oauth:grant-type:jwt-bearer`): checks an assertion the
/// way Box does, for an app whose client credentials were already accepted.
struct JWTBearerGrantCheck {
    /// The `grant_type` value.
    static let grantType = "urn:ietf:params:oauth:grant-type:jwt-bearer"
    /// How far ahead of the emulator's clock `exp` may be.
    static let maximumLifetime: Double = 60
    /// The allowed `jti` lengths.
    static let jwtIDLengths = 16...128

    /// What an accepted assertion grants, and the `jti` the state must find new, then remember.
    struct Accepted: Sendable {
        /// Whom the token will act for.
        let subject: BoxSubject
        /// The assertion's `jti`.
        let jwtID: String
        /// The assertion's `exp`.
        let expiresAt: Int64
    }

    /// The app named by `client_id`.
    let app: EmulatedApp
    /// The emulator's clock.
    let now: Date

    /// Checks `assertion`, as taken apart from the form: its form, `alg`, `kid` and signature, then
    /// `iss`, `aud`, `box_sub_type`, `sub`, `exp` and the length of `jti`. Whether the `jti` was
    /// used before is for the state to check (``TokenRejection/jwtIDReused``), last.
    /// - Throws: The first ``TokenRejection`` that applies.
    func check(_ assertion: Result<DecodedJWT, DecodedJWT.FormatError>) throws(TokenRejection) -> Accepted {
        let jwt: DecodedJWT
        switch assertion {
        case .success(let decoded): jwt = decoded
        case .failure(let error): throw .malformedAssertion(error.description)
        }
        guard jwt.algorithm != nil else { throw .algorithm }
        guard jwt.isSignatureValid(with: try publicKey(for: jwt.header["kid"])) else { throw .signature }
        let claims = jwt.claims
        guard claims["iss"]?.stringValue == app.clientID else { throw .issuer }
        guard claims["aud"]?.stringValue == TokenEndpoint.assertionAudience else { throw .audience }
        let subject = try checkSubject(claims)
        let expiresAt = try checkExpiration(claims["exp"])
        guard let jwtID = claims["jti"]?.stringValue, Self.jwtIDLengths.contains(jwtID.count) else {
            throw .jwtIDLength
        }
        return Accepted(subject: subject, jwtID: jwtID, expiresAt: expiresAt)
    }

    /// The key `kid` names; without a `kid`, the app's only key.
    private func publicKey(for kid: JSONValue?) throws(TokenRejection) -> RSAPublicKey {
        switch kid {
        case nil:
            guard app.publicKeys.count == 1, let key = app.publicKeys.values.first else { throw .keyID }
            return key
        case .string(let id)?:
            guard let key = app.publicKeys[id] else { throw .keyID }
            return key
        default:
            throw .keyID
        }
    }

    private func checkSubject(_ claims: [String: JSONValue]) throws(TokenRejection) -> BoxSubject {
        guard let kind = claims["box_sub_type"]?.stringValue.flatMap(BoxSubject.Kind.init(rawValue:)) else {
            throw .subjectType
        }
        guard let id = claims["sub"]?.stringValue, app.accepts(BoxSubject(kind, id: id)) else { throw .subject }
        return BoxSubject(kind, id: id)
    }

    private func checkExpiration(_ exp: JSONValue?) throws(TokenRejection) -> Int64 {
        guard let exp else { throw .expirationMissing }
        guard case .integer(let expiresAt) = exp else { throw .expirationNotInteger }
        let secondsLeft = Double(expiresAt) - now.timeIntervalSince1970
        guard secondsLeft > 0 else { throw .expired }
        guard secondsLeft <= Self.maximumLifetime else { throw .expirationTooFar }
        return expiresAt
    }
}

extension EmulatedApp {
    /// Whether the app may get a token for `subject`: its own enterprise, or a user it knows.
    func accepts(_ subject: BoxSubject) -> Bool {
        switch subject.kind {
        case .enterprise: enterpriseID != nil && subject.id == enterpriseID
        case .user: knownUserIDs.contains(subject.id)
        }
    }
}
