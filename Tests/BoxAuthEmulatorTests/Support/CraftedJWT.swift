@_spi(Plumbing) import BoxAuth
import BoxAuthTestSupport
import Foundation
@_spi(Plumbing) import BoxAuthJWT

/// A JWT built from arbitrary header and claim members, for assertions the core would never make.
enum CraftedJWT {
    /// `header.claims.signature` with the members given, signed with `key` over `digest`.
    static func make(
        header: [String: JSONValue], claims: [String: JSONValue], key: RSAPrivateKey, digest: SignatureDigest = .sha256
    ) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let signingInput =
            Base64URL.encode(Array(try encoder.encode(JSONValue.object(header))))
            + "." + Base64URL.encode(Array(try encoder.encode(JSONValue.object(claims))))
        let signature = try key.sign(Array(signingInput.utf8), digest: digest)
        return signingInput + "." + Base64URL.encode(signature)
    }

    /// The header the core writes: RS256, JWT, the test key ID.
    static var standardHeader: [String: JSONValue] {
        ["alg": .string("RS256"), "typ": .string("JWT"), "kid": .string(TestIdentity.publicKeyID)]
    }

    /// Valid claims for the test app's enterprise, as JSON members.
    static func standardClaims(now: Date = Date()) throws -> [String: JSONValue] {
        [
            "iss": .string(TestIdentity.clientID), "sub": .string(TestIdentity.enterpriseID),
            "box_sub_type": .string("enterprise"), "aud": .string(JWTClaims.boxAudience),
            "jti": .string(try SecureRandom.hex(byteCount: 16)),
            "exp": .integer(Int64(now.timeIntervalSince1970) + 30),
        ]
    }
}
