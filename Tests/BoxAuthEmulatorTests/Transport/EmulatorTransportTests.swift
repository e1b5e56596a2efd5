import BoxAuth
import BoxAuthEmulator
import BoxAuthTestSupport
import Foundation
import Testing
@_spi(Plumbing) import BoxAuthJWT

@Suite("EmulatorTransport")
struct EmulatorTransportTests {
    static let clientID = "inprocesstestclientid00000001"
    static let clientSecret = "in-process-test-secret"
    static let keyID = "fixturekey1"
    static let enterpriseID = "1234567"
    static let userID = "33333"
    /// The committed test key; nothing here generates RSA keys.
    static let key = Result { () throws -> RSAPrivateKey in
        try RSAPrivateKey(
            pem: try Fixtures.text("Keys/rsa2048-pkcs8-pbes2-des3-sha1.pem"), passphrase: Secret(Fixtures.passphrase))
    }
    /// Any host and port: the in-process transport looks at the path only.
    static let baseURL = URL(string: "http://emulator.invalid:1")!

    /// An emulator that was never started, with the test app registered.
    static func emulator(_ configuration: BoxEmulator.Configuration = .init()) async throws -> BoxEmulator {
        let emulator = BoxEmulator(configuration: configuration)
        await emulator.register(
            EmulatedApp(
                clientID: clientID, clientSecret: clientSecret, enterpriseID: enterpriseID,
                publicKeys: [keyID: try key.get().publicKey], knownUserIDs: [userID]))
        return emulator
    }

    static func jwtForm(_ subject: BoxSubject = .enterprise(enterpriseID)) throws -> [(String, String)] {
        let claims = try JWTClaims.fresh(clientID: clientID, subject: subject)
        let assertion = try JWTAssertion(claims: claims, keyID: keyID, algorithm: .rs256, key: try key.get())
        return [
            ("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"),
            ("assertion", assertion.compact.exposedValue),
            ("client_id", clientID), ("client_secret", clientSecret),
        ]
    }

    static let clientCredentialsForm = [
        ("grant_type", "client_credentials"), ("client_id", clientID), ("client_secret", clientSecret),
        ("box_subject_type", "enterprise"), ("box_subject_id", enterpriseID),
    ]

    static func post(
        _ fields: [(String, String)], to path: String = "oauth2/token", via transport: EmulatorTransport,
        timeout: TimeInterval = 30
    ) async throws -> TransportResponse {
        try await transport.send(
            TransportRequest(
                method: "POST", url: baseURL.appendingPathComponent(path),
                headers: [("Content-Type", "application/x-www-form-urlencoded")], body: FormEncoding.encode(fields),
                timeout: timeout))
    }

    static func accessToken(_ response: TransportResponse) throws -> String {
        let body = try #require(try JSONDecoder().decode(JSONValue.self, from: response.body).objectValue)
        return try #require(body["access_token"]?.stringValue, "status \(response.status)")
    }

    @Test("gets a token through each grant without a socket, and the token works at /2.0/users/me")
    func tokenThroughEachGrant() async throws {
        let emulator = try await Self.emulator()
        let transport = emulator.inProcessTransport

        let jwtToken = try Self.accessToken(try await Self.post(try Self.jwtForm(), via: transport))
        let userToken = try Self.accessToken(try await Self.post(try Self.jwtForm(.user(Self.userID)), via: transport))
        let clientToken = try Self.accessToken(try await Self.post(Self.clientCredentialsForm, via: transport))
        let downscoped = try await Self.post(
            [
                ("grant_type", TokenEndpoint.tokenExchangeGrantType), ("subject_token", clientToken),
                ("subject_token_type", TokenEndpoint.accessTokenType), ("scope", "item_preview"),
            ],
            via: transport)
        _ = try Self.accessToken(downscoped)

        let me = try await transport.send(
            TransportRequest(
                method: "GET", url: Self.baseURL.appendingPathComponent("2.0/users/me"),
                headers: [("Authorization", "Bearer \(userToken)")]))
        #expect(me.status == 200)
        #expect(try JSONDecoder().decode(JSONValue.self, from: me.body).objectValue?["id"] == .string(Self.userID))
        #expect(jwtToken != clientToken)

        let counters = await emulator.counters
        #expect(counters.tokenRequests == 4)
        #expect(counters.tokensIssued == 4)
        #expect(counters.tokensDownscoped == 1)
        #expect(counters.totalRejections == 0)
    }

    @Test("refuses a replayed assertion with Box's error, counted once")
    func replayedAssertion() async throws {
        let emulator = try await Self.emulator()
        let form = try Self.jwtForm()
        _ = try Self.accessToken(try await Self.post(form, via: emulator.inProcessTransport))
        let replay = try await Self.post(form, via: emulator.inProcessTransport)
        #expect(replay.status == 400)
        let body = try #require(try JSONDecoder().decode(JSONValue.self, from: replay.body).objectValue)
        #expect(
            body["error_description"]?.stringValue == "Please check the 'jti' claim. A unique 'jti' value is required.")
        #expect(await emulator.counters.rejections(for: "jti") == 1)
    }

    @Test("an injected status comes through with its headers, then the next request gets a token")
    func faultStatus() async throws {
        let emulator = try await Self.emulator()
        await emulator.injectFaults(.status(503, headers: [("X-Fault", "yes")]))
        let failed = try await Self.post(Self.clientCredentialsForm, via: emulator.inProcessTransport)
        #expect(failed.status == 503)
        #expect(failed.header("x-fault") == "yes")
        #expect(failed.header("content-type") == "application/json")
        _ = try Self.accessToken(try await Self.post(Self.clientCredentialsForm, via: emulator.inProcessTransport))

        let log = await emulator.tokenRequestLog
        #expect(log.map(\.fault) == [.status(503, headers: [("X-Fault", "yes")]), nil])
        #expect(await emulator.counters.tokenRequests == 2)
    }

    @Test("a 429 carries Retry-After in seconds, or as an HTTP date on the emulator's clock")
    func retryAfter() async throws {
        let offset: TimeInterval = 86_400
        let emulator = try await Self.emulator(.init(clockOffset: offset))
        await emulator.injectFaults(.tooManyRequests(retryAfter: .seconds(7)))
        await emulator.injectFaults(.tooManyRequests(retryAfter: .httpDate(secondsAhead: 120)))

        let seconds = try await Self.post(Self.clientCredentialsForm, via: emulator.inProcessTransport)
        #expect(seconds.status == 429)
        #expect(seconds.header("Retry-After") == "7")

        let dated = try await Self.post(Self.clientCredentialsForm, via: emulator.inProcessTransport)
        #expect(dated.status == 429)
        let retryAt = try #require(dated.header("retry-after").flatMap(HTTPDate.parse))
        let date = try #require(dated.header("date").flatMap(HTTPDate.parse))
        // 120 s after the Date header, give or take the second the HTTP dates round to.
        #expect(abs(retryAt.timeIntervalSince(date) - 120) <= 1)
    }

    @Test("the Date header shows the emulator's clock, offset included, as the socket path does")
    func dateHeader() async throws {
        let offset: TimeInterval = 86_400
        let emulator = try await Self.emulator(.init(clockOffset: offset))
        let ahead = try await Self.post(Self.clientCredentialsForm, via: emulator.inProcessTransport)
        let aheadDate = try #require(ahead.header("date").flatMap(HTTPDate.parse))
        // A day ahead; the slack of an hour keeps a busy machine from mattering.
        #expect(abs(aheadDate.timeIntervalSinceNow - offset) < 3600)

        await emulator.setClockOffset(-offset)
        let behind = try await Self.post(Self.clientCredentialsForm, via: emulator.inProcessTransport)
        let behindDate = try #require(behind.header("date").flatMap(HTTPDate.parse))
        #expect(abs(behindDate.timeIntervalSinceNow + offset) < 3600)
    }

    @Test("a closed connection throws connectionFailed; the request is still counted and logged")
    func closeConnection() async throws {
        let emulator = try await Self.emulator()
        await emulator.injectFaults(.closeConnection)
        let error = try await #require(throws: TransportError.self) {
            try await Self.post(Self.clientCredentialsForm, via: emulator.inProcessTransport)
        }
        #expect(error.code == .connectionFailed)
        #expect(await emulator.tokenRequestLog.map(\.fault) == [.closeConnection])
        #expect(await emulator.counters.tokensIssued == 0)
    }

    @Test("a stall that never answers throws timedOut after the request's timeout")
    func stallTimesOut() async throws {
        let emulator = try await Self.emulator()
        await emulator.injectFaults(.stall())
        let error = try await #require(throws: TransportError.self) {
            try await Self.post(Self.clientCredentialsForm, via: emulator.inProcessTransport, timeout: 0.05)
        }
        #expect(error.code == .timedOut)
        #expect(await emulator.counters.tokensIssued == 0)
    }

    @Test("a stall shorter than the timeout answers normally")
    func shortStallAnswers() async throws {
        let emulator = try await Self.emulator()
        await emulator.injectFaults(.stall(answeringAfter: .milliseconds(10)))
        _ = try Self.accessToken(try await Self.post(Self.clientCredentialsForm, via: emulator.inProcessTransport))
    }

    @Test("an unknown path is 404")
    func unknownPath() async throws {
        let emulator = try await Self.emulator()
        let response = try await emulator.inProcessTransport.send(
            TransportRequest(method: "GET", url: Self.baseURL.appendingPathComponent("2.0/folders/0")))
        #expect(response.status == 404)
    }
}
