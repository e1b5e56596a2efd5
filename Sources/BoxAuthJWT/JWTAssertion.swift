@_spi(Plumbing) public import BoxAuth
import Foundation

/// A signed Box JWT assertion in compact JWS form (`header.claims.signature`, base64url, no padding).
///
/// The header carries `alg`, `typ: JWT` and `kid` (the public key ID Box registered). The value is
/// a credential: it redacts itself when printed.
///
/// ```swift
/// let claims = try JWTClaims.fresh(clientID: id, subject: .enterprise("1234567"))
/// let assertion = try JWTAssertion(claims: claims, keyID: "abcd1234", algorithm: .rs256, key: key)
/// form["assertion"] = assertion.compact.exposedValue
/// ```
@_spi(Plumbing) public struct JWTAssertion: Sendable, CustomStringConvertible {
    /// The claims that were signed.
    public let claims: JWTClaims
    /// The `kid` header.
    public let keyID: String
    /// The `alg` header.
    public let algorithm: JWTAlgorithm
    /// The compact serialization, to send as the `assertion` form field.
    public let compact: Secret

    /// Builds and signs an assertion.
    /// - Throws: ``RSAKeyError`` if signing fails.
    public init(claims: JWTClaims, keyID: String, algorithm: JWTAlgorithm, key: RSAPrivateKey) throws(RSAKeyError) {
        self.claims = claims
        self.keyID = keyID
        self.algorithm = algorithm
        let header = "{\"alg\":\"\(algorithm.rawValue)\",\"typ\":\"JWT\",\"kid\":\(JSONText.quoted(keyID))}"
        let signingInput = Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(Array(claims.json.utf8))
        let signature = try key.sign(Array(signingInput.utf8), digest: algorithm.digest)
        compact = Secret(signingInput + "." + Base64URL.encode(signature))
    }

    /// Shows the non-secret parts only.
    public var description: String {
        "JWTAssertion(alg: \(algorithm.rawValue), kid: \(keyID), sub: \(claims.subject), <redacted>)"
    }
}
