import BoxAuth
import BoxAuthTestKit
import Testing

@Suite("JWTAssertion")
struct JWTAssertionTests {
    let claims = JWTClaims(
        issuer: "test-client-id", subject: .enterprise("1234567"),
        jwtID: "0123456789abcdef0123456789abcdef", expiresAt: 1_700_000_045)

    func sign(
        _ claims: JWTClaims, keyID: String = "test-kid-1", algorithm: JWTAlgorithm = .rs256
    ) throws -> JWTAssertion {
        try JWTAssertion(claims: claims, keyID: keyID, algorithm: algorithm, key: TestKeys.loadPrimary())
    }

    @Test("header and claims are exactly what Box expects")
    func headerAndClaims() throws {
        let assertion = try sign(claims)
        let decoded = try DecodedJWT(compact: assertion.compact.exposedValue)
        #expect(decoded.header == ["alg": .string("RS256"), "typ": .string("JWT"), "kid": .string("test-kid-1")])
        #expect(
            decoded.claims == [
                "iss": .string("test-client-id"),
                "sub": .string("1234567"),
                "box_sub_type": .string("enterprise"),
                "aud": .string("https://api.box.com/oauth2/token"),
                "jti": .string("0123456789abcdef0123456789abcdef"),
                "exp": .integer(1_700_000_045),
            ])
        #expect(assertion.keyID == "test-kid-1")
        #expect(assertion.algorithm == .rs256)
        #expect(assertion.claims == claims)
    }

    @Test("a user subject is sent as box_sub_type user")
    func userSubject() throws {
        var claims = self.claims
        claims.subject = .user("33333")
        let decoded = try DecodedJWT(compact: sign(claims).compact.exposedValue)
        #expect(decoded.claims["sub"] == .string("33333"))
        #expect(decoded.claims["box_sub_type"] == .string("user"))
    }

    @Test("the compact form is three base64url parts without padding")
    func compactForm() throws {
        let compact = try sign(claims).compact.exposedValue
        let parts = compact.split(separator: ".", omittingEmptySubsequences: false)
        #expect(parts.count == 3)
        for part in parts {
            #expect(!part.isEmpty)
            #expect(!part.contains("=") && !part.contains("+") && !part.contains("/"))
        }
        #expect(Base64URL.decode(parts[2])?.count == 256)
    }

    @Test("the signature verifies with the fixture public key", arguments: JWTAlgorithm.allCases)
    func signatureVerifies(algorithm: JWTAlgorithm) throws {
        let decoded = try DecodedJWT(compact: sign(claims, algorithm: algorithm).compact.exposedValue)
        let publicKey = try TestKeys.publicKey()
        #expect(decoded.header["alg"] == .string(algorithm.rawValue))
        #expect(decoded.algorithm == algorithm)
        #expect(decoded.isSignatureValid(with: publicKey))
        #expect(publicKey.isValidSignature(decoded.signature, for: decoded.signingInput, digest: algorithm.digest))
    }

    @Test("the signature fails with another key", arguments: JWTAlgorithm.allCases)
    func failsWithAnotherKey(algorithm: JWTAlgorithm) throws {
        let decoded = try DecodedJWT(compact: sign(claims, algorithm: algorithm).compact.exposedValue)
        let otherKey = try TestKeys.other.publicKey
        #expect(!decoded.isSignatureValid(with: otherKey))
    }

    @Test("the signature fails when the claims are changed", arguments: JWTAlgorithm.allCases)
    func failsWhenTampered(algorithm: JWTAlgorithm) throws {
        let compact = try sign(claims, algorithm: algorithm).compact.exposedValue
        let parts = compact.split(separator: ".").map(String.init)
        var tamperedClaims = claims
        tamperedClaims.subject = .enterprise("7654321")
        let forged = [parts[0], Base64URL.encode(Array(tamperedClaims.json.utf8)), parts[2]].joined(separator: ".")
        let decoded = try DecodedJWT(compact: forged)
        #expect(decoded.claims["sub"] == .string("7654321"))
        #expect(!decoded.isSignatureValid(with: try TestKeys.publicKey()))
    }

    @Test("the signature fails when a signature byte is flipped")
    func failsWithFlippedSignature() throws {
        let compact = try sign(claims).compact.exposedValue
        let parts = compact.split(separator: ".").map(String.init)
        var signature = try #require(Base64URL.decode(parts[2]))
        signature[100] ^= 0x01
        let decoded = try DecodedJWT(compact: [parts[0], parts[1], Base64URL.encode(signature)].joined(separator: "."))
        #expect(!decoded.isSignatureValid(with: try TestKeys.publicKey()))
    }

    @Test("the signature fails when the header names another algorithm")
    func failsWithSwappedAlgorithm() throws {
        let compact = try sign(claims, algorithm: .rs256).compact.exposedValue
        let parts = compact.split(separator: ".").map(String.init)
        let header = Base64URL.encode(Array(#"{"alg":"RS512","typ":"JWT","kid":"test-kid-1"}"#.utf8))
        let decoded = try DecodedJWT(compact: [header, parts[1], parts[2]].joined(separator: "."))
        #expect(decoded.algorithm == .rs512)
        #expect(!decoded.isSignatureValid(with: try TestKeys.publicKey()))
    }

    @Test(
        "a header naming an algorithm other than RS256/384/512 never verifies", arguments: ["none", "HS256", "rs256"])
    func unknownAlgorithm(alg: String) throws {
        let compact = try sign(claims).compact.exposedValue
        let parts = compact.split(separator: ".").map(String.init)
        let header = Base64URL.encode(Array(#"{"alg":"\#(alg)","typ":"JWT","kid":"test-kid-1"}"#.utf8))
        let decoded = try DecodedJWT(compact: [header, parts[1], parts[2]].joined(separator: "."))
        #expect(decoded.algorithm == nil)
        #expect(!decoded.isSignatureValid(with: try TestKeys.publicKey()))
    }

    @Test("key IDs and claim values with quotes, backslashes, control characters and unicode survive escaping")
    func escapesStrings() throws {
        let awkward = "a\"b\\c\nd\te\u{01}f/é🔑"
        let claims = JWTClaims(
            issuer: awkward, subject: .user(awkward), audience: awkward, jwtID: awkward, expiresAt: 0)
        let assertion = try sign(claims, keyID: awkward)
        let decoded = try DecodedJWT(compact: assertion.compact.exposedValue)
        #expect(decoded.header["kid"] == .string(awkward))
        for name in ["iss", "sub", "aud", "jti"] {
            #expect(decoded.claims[name] == .string(awkward))
        }
        #expect(decoded.claims["exp"] == .integer(0))
        #expect(decoded.isSignatureValid(with: try TestKeys.publicKey()))
    }

    @Test("description never contains the assertion or any part of it")
    func descriptionIsRedacted() throws {
        let assertion = try sign(claims)
        let compact = assertion.compact.exposedValue
        var dumped = ""
        dump(assertion, to: &dumped)
        let texts = [
            assertion.description, String(describing: assertion), String(reflecting: assertion), "\(assertion)",
            dumped, assertion.compact.description, assertion.compact.debugDescription,
        ]
        for text in texts {
            #expect(!text.contains(compact))
            for part in compact.split(separator: ".") { #expect(!text.contains(part)) }
        }
        #expect(assertion.description.contains("RS256"))
        #expect(assertion.description.contains("test-kid-1"))
    }
}
