@_spi(Plumbing) import BoxAuth
import BoxAuthEmulator
import BoxAuthTestSupport
import Foundation
import Testing
@_spi(Plumbing) import BoxAuthJWT

/// One way an assertion can be wrong, and how the emulator must refuse it.
struct AssertionFault: Sendable, CustomTestStringConvertible {
    let name: String
    /// The counter key and the text the description must contain.
    let reason: String
    let mentions: String
    var error = "invalid_grant"
    let form: @Sendable (EmulatorFixture) throws -> [(String, String)]

    var testDescription: String { name }

    /// A fault in the claims, signed properly with the standard header.
    static func claims(
        _ name: String, reason: String, mentions: String? = nil,
        _ change: @escaping @Sendable (inout [String: JSONValue]) -> Void
    ) -> AssertionFault {
        AssertionFault(name: name, reason: reason, mentions: mentions ?? "'\(reason)' claim") { fixture in
            var claims = try CraftedJWT.standardClaims()
            change(&claims)
            return fixture.jwtForm(
                try CraftedJWT.make(header: CraftedJWT.standardHeader, claims: claims, key: try TestKeys.primary))
        }
    }

    /// A fault in the header, with valid claims.
    static func header(
        _ name: String, reason: String, mentions: String, useOtherKey: Bool = false,
        digest: SignatureDigest = .sha256, _ change: @escaping @Sendable (inout [String: JSONValue]) -> Void
    ) -> AssertionFault {
        AssertionFault(name: name, reason: reason, mentions: mentions) { fixture in
            var header = CraftedJWT.standardHeader
            change(&header)
            return fixture.jwtForm(
                try CraftedJWT.make(
                    header: header, claims: try CraftedJWT.standardClaims(),
                    key: useOtherKey ? TestKeys.other : TestKeys.primary, digest: digest))
        }
    }
}

@Suite("JWT bearer grant")
struct JWTBearerGrantTests {
    @Test(
        "issues a token for the enterprise and for a known user",
        arguments: [
            BoxSubject.enterprise(TestIdentity.enterpriseID), .user(TestIdentity.userID),
        ])
    func issuesToken(subject: BoxSubject) async throws {
        try await EmulatorFixture.with { fixture in
            let response = try await fixture.postToken(
                fixture.jwtForm(try fixture.assertion(try fixture.claims(subject))))
            #expect(response.status == 200)
            #expect(response.header("Content-Type")?.hasPrefix("application/json") == true)
            let body = try response.jsonObject()
            #expect(body["access_token"]?.stringValue?.count == 32)
            #expect(body["expires_in"] == .integer(3600))
            #expect(body["token_type"] == .string("bearer"))
            #expect(body["restricted_to"] == .array([]))
            let counters = await fixture.emulator.counters
            #expect(counters == EmulatorCounters(tokenRequests: 1, tokensIssued: 1, rejections: [:]))
        }
    }

    @Test("accepts every RSA algorithm Box accepts", arguments: JWTAlgorithm.allCases)
    func acceptsAlgorithm(algorithm: JWTAlgorithm) async throws {
        try await EmulatorFixture.with { fixture in
            let form = fixture.jwtForm(try fixture.assertion(try fixture.claims(), algorithm: algorithm))
            #expect(try await fixture.postToken(form).status == 200)
        }
    }

    @Test("accepts an 'exp' exactly 60 seconds ahead")
    func acceptsMaximumLifetime() async throws {
        try await EmulatorFixture.with { fixture in
            let claims = try JWTClaims.fresh(
                clientID: TestIdentity.clientID, subject: .enterprise(TestIdentity.enterpriseID), lifetime: 60)
            #expect(try await fixture.postToken(fixture.jwtForm(try fixture.assertion(claims))).status == 200)
        }
    }

    static let faults: [AssertionFault] = [
        AssertionFault(name: "not a JWT", reason: "assertion", mentions: "'assertion'") { fixture in
            fixture.jwtForm("not-a-jwt")
        },
        .header("alg HS256", reason: "alg", mentions: "'alg'") { $0["alg"] = .string("HS256") },
        .header("alg none", reason: "alg", mentions: "'alg'") { $0["alg"] = .string("none") },
        .header("alg missing", reason: "alg", mentions: "'alg'") { $0["alg"] = nil },
        .header("kid unknown", reason: "kid", mentions: "'kid'") { $0["kid"] = .string("unknown-kid") },
        .header("kid not a string", reason: "kid", mentions: "'kid'") { $0["kid"] = .integer(1) },
        .header("signed with another key", reason: "signature", mentions: "'kid'", useOtherKey: true) { _ in },
        .header("RS256 signature labelled RS512", reason: "signature", mentions: "Signature verification error") {
            $0["alg"] = .string("RS512")
        },
        .claims("iss is not the client ID", reason: "iss") { $0["iss"] = .string("someone-else") },
        .claims("aud is the API", reason: "aud") { $0["aud"] = .string("https://api.box.com/2.0") },
        .claims("aud missing", reason: "aud") { $0["aud"] = nil },
        .claims("box_sub_type unknown", reason: "box_sub_type") { $0["box_sub_type"] = .string("admin") },
        .claims("sub another enterprise", reason: "sub") { $0["sub"] = .string("7654321") },
        .claims("sub an unknown user", reason: "sub") {
            $0["box_sub_type"] = .string("user")
            $0["sub"] = .string("99999")
        },
        .claims("sub the enterprise as a user", reason: "sub") { $0["box_sub_type"] = .string("user") },
        .claims("sub a number", reason: "sub") { $0["sub"] = .integer(1_234_567) },
        .claims("exp missing", reason: "exp") { $0["exp"] = nil },
        .claims("exp with a fraction", reason: "exp") { $0["exp"] = .number(Date().timeIntervalSince1970 + 30.5) },
        .claims("exp a string", reason: "exp") { $0["exp"] = .string("\(Int(Date().timeIntervalSince1970) + 30)") },
        .claims("exp in the past", reason: "exp") { $0["exp"] = .integer(Int64(Date().timeIntervalSince1970) - 10) },
        .claims("exp over 60 s ahead", reason: "exp") {
            $0["exp"] = .integer(Int64(Date().timeIntervalSince1970) + 120)
        },
        .claims("jti of 15 characters", reason: "jti") { $0["jti"] = .string(String(repeating: "a", count: 15)) },
        .claims("jti of 129 characters", reason: "jti") { $0["jti"] = .string(String(repeating: "a", count: 129)) },
        .claims("jti missing", reason: "jti") { $0["jti"] = nil },
        .claims("jti a number", reason: "jti") { $0["jti"] = .integer(12_345_678_901_234_567) },
        AssertionFault(
            name: "wrong client secret", reason: "invalid_client", mentions: "client credentials",
            error: "invalid_client"
        ) { fixture in
            fixture.jwtForm(try fixture.assertion(try fixture.claims()), clientSecret: "wrong")
        },
        AssertionFault(
            name: "unknown client", reason: "invalid_client", mentions: "client credentials",
            error: "invalid_client"
        ) { fixture in
            fixture.jwtForm(try fixture.assertion(try fixture.claims()), clientID: "unknown-client")
        },
    ]

    @Test("refuses a faulty assertion with Box's error, naming the claim", arguments: faults)
    func refuses(fault: AssertionFault) async throws {
        try await EmulatorFixture.with { fixture in
            let response = try await fixture.postToken(try fault.form(fixture))
            #expect(response.status == 400)
            #expect(response.header("Content-Type")?.hasPrefix("application/json") == true)
            let body = try response.jsonObject()
            #expect(body["error"] == .string(fault.error))
            let description = try #require(body["error_description"]?.stringValue)
            #expect(description.contains(fault.mentions), "\(description)")
            let counters = await fixture.emulator.counters
            #expect(counters == EmulatorCounters(tokenRequests: 1, tokensIssued: 0, rejections: [fault.reason: 1]))
        }
    }

    @Test("the expired and too-far 'exp' use Box's wording")
    func expirationWording() async throws {
        try await EmulatorFixture.with { fixture in
            let now = Int64(Date().timeIntervalSince1970)
            var claims = try fixture.claims()
            claims.expiresAt = now - 5
            let expired = try await fixture.postToken(fixture.jwtForm(try fixture.assertion(claims)))
            #expect(
                try expired.jsonObject()["error_description"]
                    == .string(
                        "Current date/time MUST be before the expiration date/time listed in the 'exp' claim"))
            claims.expiresAt = now + 600
            let tooFar = try await fixture.postToken(fixture.jwtForm(try fixture.assertion(claims)))
            #expect(
                try tooFar.jsonObject()["error_description"]?.stringValue?.hasPrefix("Please check the 'exp' claim.")
                    == true)
        }
    }

    @Test("refuses a reused 'jti'")
    func refusesReusedJWTID() async throws {
        try await EmulatorFixture.with { fixture in
            let form = fixture.jwtForm(try fixture.assertion(try fixture.claims()))
            #expect(try await fixture.postToken(form).status == 200)
            let replay = try await fixture.postToken(form)
            #expect(replay.status == 400)
            #expect(
                try replay.jsonObject()["error_description"]
                    == .string(
                        "Please check the 'jti' claim. A unique 'jti' value is required."))
            let counters = await fixture.emulator.counters
            #expect(counters == EmulatorCounters(tokenRequests: 2, tokensIssued: 1, rejections: ["jti": 1]))
        }
    }

    @Test("a refused assertion does not use up its 'jti'")
    func refusalKeepsJWTIDFree() async throws {
        try await EmulatorFixture.with { fixture in
            let claims = try fixture.claims()
            let refused = try await fixture.postToken(
                fixture.jwtForm(try fixture.assertion(claims), clientSecret: "wrong"))
            #expect(refused.status == 400)
            #expect(try await fixture.postToken(fixture.jwtForm(try fixture.assertion(claims))).status == 200)
        }
    }

    @Test("without 'kid', the app's only key is used")
    func missingKeyIDWithOneKey() async throws {
        try await EmulatorFixture.with { fixture in
            var header = CraftedJWT.standardHeader
            header["kid"] = nil
            let jwt = try CraftedJWT.make(
                header: header, claims: try CraftedJWT.standardClaims(), key: try TestKeys.primary)
            #expect(try await fixture.postToken(fixture.jwtForm(jwt)).status == 200)
        }
    }

    @Test("with two keys, 'kid' picks the key and is required")
    func twoKeys() async throws {
        try await EmulatorFixture.with { fixture in
            let other = try TestKeys.other
            await fixture.emulator.register(
                EmulatedApp(
                    clientID: TestIdentity.clientID, clientSecret: TestIdentity.clientSecret,
                    enterpriseID: TestIdentity.enterpriseID,
                    publicKeys: [
                        TestIdentity.publicKeyID: try TestKeys.primary.publicKey, "second": try other.publicKey,
                    ]))
            let second = try JWTAssertion(claims: try fixture.claims(), keyID: "second", algorithm: .rs256, key: other)
            #expect(try await fixture.postToken(fixture.jwtForm(second.compact.exposedValue)).status == 200)

            var header = CraftedJWT.standardHeader
            header["kid"] = nil
            let jwt = try CraftedJWT.make(
                header: header, claims: try CraftedJWT.standardClaims(), key: try TestKeys.primary)
            let response = try await fixture.postToken(fixture.jwtForm(jwt))
            #expect(response.status == 400)
            #expect(await fixture.emulator.counters.rejections == ["kid": 1])
        }
    }

    @Test(
        "the clock offset moves the 'exp' window",
        arguments: [
            (offset: 120.0, expected: "Current date/time MUST be before"),
            (offset: -120.0, expected: "Please check the 'exp' claim."),
        ])
    func clockOffset(offset: TimeInterval, expected: String) async throws {
        try await EmulatorFixture.with(EmulatorFixture.quietConfiguration(clockOffset: offset)) { fixture in
            let response = try await fixture.postToken(fixture.jwtForm(try fixture.assertion(try fixture.claims())))
            #expect(response.status == 400)
            #expect(try response.jsonObject()["error_description"]?.stringValue?.hasPrefix(expected) == true)
            #expect(await fixture.emulator.counters.rejections == ["exp": 1])
        }
    }
}
