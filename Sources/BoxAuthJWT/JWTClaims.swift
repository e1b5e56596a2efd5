public import BoxAuth
public import Foundation

/// The claims of a Box JWT assertion, exactly as Box's "JWT without an SDK" guide lists them.
@_spi(Plumbing) public struct JWTClaims: Sendable, Hashable {
    /// The audience Box requires, whatever URL the token request goes to.
    public static let boxAudience = TokenEndpoint.assertionAudience
    /// How far ahead `exp` is set by default (Box allows at most 60 s).
    public static let defaultLifetime: Int64 = 45
    /// The longest lifetime Box accepts.
    public static let maximumLifetime: Int64 = 60

    /// `iss`: the app's client ID.
    public var issuer: String
    /// `sub` and `box_sub_type`: the enterprise or user the token is for.
    public var subject: BoxSubject
    /// `aud`: always ``boxAudience`` for Box.
    public var audience: String
    /// `jti`: a unique ID of 16 to 128 characters.
    public var jwtID: String
    /// `exp`: Unix time in seconds.
    public var expiresAt: Int64

    /// Claims with every field given.
    public init(issuer: String, subject: BoxSubject, audience: String = boxAudience, jwtID: String, expiresAt: Int64) {
        self.issuer = issuer
        self.subject = subject
        self.audience = audience
        self.jwtID = jwtID
        self.expiresAt = expiresAt
    }

    /// Fresh claims for one assertion: a new random `jti` (64 hex characters from the CSPRNG) and
    /// `exp` = `now` + `lifetime` seconds (capped at 60).
    public static func fresh(
        clientID: String, subject: BoxSubject, now: Date = Date(), lifetime: Int64 = defaultLifetime
    ) throws(RSAKeyError) -> JWTClaims {
        JWTClaims(
            issuer: clientID, subject: subject, jwtID: try SecureRandom.hex(byteCount: 32),
            expiresAt: Int64(now.timeIntervalSince1970.rounded(.down)) + min(lifetime, maximumLifetime))
    }

    /// The claims as compact JSON.
    public var json: String {
        "{\"iss\":\(JSONText.quoted(issuer)),\"sub\":\(JSONText.quoted(subject.id)),"
            + "\"box_sub_type\":\(JSONText.quoted(subject.kind.rawValue)),\"aud\":\(JSONText.quoted(audience)),"
            + "\"jti\":\(JSONText.quoted(jwtID)),\"exp\":\(expiresAt)}"
    }
}
