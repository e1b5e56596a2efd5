import BoxAuth
import BoxAuthEmulator
import BoxAuthTestSupport
import Foundation
import Testing
@_spi(Plumbing) import BoxAuthJWT

@Suite("Emulator faults")
struct EmulatorFaultTests {
    /// A canned answer and what the client must see.
    struct Canned: Sendable, CustomTestStringConvertible {
        let fault: EmulatorFault
        let status: Int
        let contentType: String?
        /// Checks the body and headers.
        let check: @Sendable (TransportResponse) throws -> Void
        var testDescription: String { fault.description }
    }

    static let canned: [Canned] = [
        Canned(fault: .tooManyRequests(), status: 429, contentType: "application/json") {
            (response: TransportResponse) throws in
            #expect(response.header("Retry-After") == "1")
            #expect(try response.jsonObject()["error"]?.stringValue == "rate_limit_exceeded")
        },
        Canned(
            fault: .tooManyRequests(retryAfter: .seconds(7), headerName: "retry-after"), status: 429,
            contentType: "application/json"
        ) { (response: TransportResponse) throws in
            #expect(response.header("retry-after") == "7")
        },
        Canned(fault: .tooManyRequests(retryAfter: nil), status: 429, contentType: "application/json") {
            (response: TransportResponse) throws in
            #expect(response.header("retry-after") == nil)
        },
        Canned(fault: .status(500), status: 500, contentType: "application/json") {
            (response: TransportResponse) throws in
            #expect(try response.jsonObject()["error_description"]?.stringValue?.contains("500") == true)
        },
        Canned(fault: .status(502), status: 502, contentType: "application/json") { (_: TransportResponse) throws in },
        Canned(fault: .status(503), status: 503, contentType: "application/json") { (_: TransportResponse) throws in },
        Canned(fault: .status(504), status: 504, contentType: "application/json") { (_: TransportResponse) throws in },
        Canned(
            fault: .status(503, headers: [("Content-Type", "text/plain"), ("X-Fault", "yes")], body: "down"),
            status: 503, contentType: "text/plain"
        ) { (response: TransportResponse) throws in
            #expect(response.header("x-fault") == "yes")
            #expect(String(decoding: response.body, as: UTF8.self) == "down")
        },
        Canned(fault: .truncatedJSON, status: 200, contentType: "application/json") {
            (response: TransportResponse) throws in
            #expect((try? JSONDecoder().decode(JSONValue.self, from: response.body)) == nil)
            #expect(String(decoding: response.body, as: UTF8.self).hasPrefix(#"{"access_token":""#))
        },
        Canned(fault: .html, status: 200, contentType: "text/html; charset=utf-8") {
            (response: TransportResponse) throws in
            #expect(String(decoding: response.body, as: UTF8.self).contains("<html>"))
        },
        Canned(fault: .missingAccessToken, status: 200, contentType: "application/json") {
            (response: TransportResponse) throws in
            let body = try response.jsonObject()
            #expect(body["access_token"] == nil)
            #expect(body["expires_in"] != nil)
        },
    ]

    @Test("a canned answer replaces the normal one, once", arguments: canned)
    func cannedAnswer(_ canned: Canned) async throws {
        try await EmulatorFixture.with { fixture in
            await fixture.emulator.injectFaults(canned.fault)
            #expect(await fixture.emulator.pendingFaults == 1)
            let response = try await fixture.postToken(fixture.clientCredentialsForm())
            #expect(response.status == canned.status)
            #expect(response.header("content-type") == canned.contentType)
            try canned.check(response)
            #expect(try await fixture.postToken(fixture.clientCredentialsForm()).status == 200)
            let counters = await fixture.emulator.counters
            #expect(counters.tokenRequests == 2)
            #expect(counters.tokensIssued == 1)
            #expect(await fixture.emulator.tokenRequestLog.map(\.fault) == [canned.fault, nil])
        }
    }

    @Test("faults are served in the order injected, each to as many requests as asked")
    func queueOrder() async throws {
        try await EmulatorFixture.with { fixture in
            await fixture.emulator.injectFaults(.tooManyRequests(), count: 2)
            await fixture.emulator.injectFaults(.status(503))
            #expect(await fixture.emulator.pendingFaults == 3)
            var statuses: [Int] = []
            for _ in 0..<4 { statuses.append(try await fixture.postToken(fixture.clientCredentialsForm()).status) }
            #expect(statuses == [429, 429, 503, 200])
            #expect(await fixture.emulator.counters.tokenRequests == 4)

            await fixture.emulator.injectFaults(.status(500), count: 5)
            await fixture.emulator.clearFaults()
            #expect(await fixture.emulator.pendingFaults == 0)
            #expect(try await fixture.postToken(fixture.clientCredentialsForm()).status == 200)
        }
    }

    @Test("a 429 with an HTTP date says N seconds ahead on the emulator's clock, and Date shows that clock")
    func retryAfterDate() async throws {
        try await EmulatorFixture.with(EmulatorFixture.quietConfiguration(clockOffset: 300)) { fixture in
            await fixture.emulator.injectFaults(.tooManyRequests(retryAfter: .httpDate(secondsAhead: 5)))
            let response = try await fixture.postToken(fixture.clientCredentialsForm())
            #expect(response.status == 429)
            let retryAfter = try #require(response.header("retry-after").flatMap(HTTPDate.parse))
            let serverDate = try #require(response.header("date").flatMap(HTTPDate.parse))
            #expect(abs(retryAfter.timeIntervalSince(serverDate) - 5) <= 1)
            #expect(abs(serverDate.timeIntervalSinceNow - 300) <= 5)
            #expect(
                RetryPolicy.retryAfter(response.header("retry-after"), serverDate: response.header("date"))
                    .map { abs($0 - 5) <= 1 } == true)
        }
    }

    @Test("Date follows the clock offset, set at start or while serving; exp is judged by it")
    func clockOffset() async throws {
        try await EmulatorFixture.with { fixture in
            #expect(fixture.emulator.clockOffset == 0)
            let before = try await fixture.postToken(fixture.clientCredentialsForm())
            #expect(abs(try #require(before.header("date").flatMap(HTTPDate.parse)).timeIntervalSinceNow) <= 5)

            await fixture.emulator.setClockOffset(-300)
            #expect(fixture.emulator.clockOffset == -300)
            let refused = try await fixture.postToken(fixture.jwtForm(try fixture.assertion(try fixture.claims())))
            #expect(refused.status == 400)
            #expect(try refused.jsonObject()["error_description"]?.stringValue?.contains("'exp'") == true)
            let serverDate = try #require(refused.header("date").flatMap(HTTPDate.parse))
            #expect(abs(serverDate.timeIntervalSinceNow + 300) <= 5)
            let me = try await fixture.usersMe.response(bearer: nil)
            #expect(abs(try #require(me.header("date").flatMap(HTTPDate.parse)).timeIntervalSinceNow + 300) <= 5)

            let skewed = try JWTClaims.fresh(
                clientID: TestIdentity.clientID, subject: .enterprise(TestIdentity.enterpriseID),
                now: Date().addingTimeInterval(-300))
            #expect(try await fixture.postToken(fixture.jwtForm(try fixture.assertion(skewed))).status == 200)
        }
    }

    @Test("close ends the connection without an answer; the next request is answered")
    func closeConnection() async throws {
        try await EmulatorFixture.with(connection: .socket) { fixture in
            await fixture.emulator.injectFaults(.closeConnection)
            let error = await #expect(throws: TransportError.self) {
                try await fixture.postToken(fixture.clientCredentialsForm())
            }
            #expect(error?.code == .connectionFailed)
            let next = try await fixture.postToken(fixture.clientCredentialsForm())
            #expect(next.status == 200)
            #expect(await fixture.emulator.counters.tokenRequests == 2)
        }
    }

    @Test("a stall outlasts the client's timeout; clearFaults releases it")
    func stallForever() async throws {
        try await EmulatorFixture.with(connection: .socket) { fixture in
            await fixture.emulator.injectFaults(.stall())
            let request = TransportRequest(
                method: "POST", url: fixture.baseURL.appendingPathComponent("oauth2/token"),
                headers: [("Content-Type", "application/x-www-form-urlencoded")],
                body: FormEncoding.encode(fixture.clientCredentialsForm()), timeout: 1)
            let error = await #expect(throws: TransportError.self) { try await fixture.transport.send(request) }
            #expect(error?.code == .timedOut)
            // On a loaded machine the request may reach the emulator after the client gave up.
            var polls = 0
            while await fixture.emulator.counters.tokenRequests == 0 && polls < 500 {
                polls += 1
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(await fixture.emulator.tokenRequestLog.first?.fault == .stall())
            await fixture.emulator.clearFaults()
            let next = try await fixture.postToken(fixture.clientCredentialsForm())
            #expect(next.status == 200)
            let counters = await fixture.emulator.counters
            let log = await fixture.emulator.tokenRequestLog
            #expect(counters.tokenRequests == 2, "\(log)")
            #expect(counters.tokensIssued == 1, "\(log)")
        }
    }

    @Test("a stall with a delay answers normally after it")
    func stallThenAnswer() async throws {
        try await EmulatorFixture.with(connection: .socket) { fixture in
            await fixture.emulator.injectFaults(.stall(answeringAfter: .milliseconds(300)))
            let token = try await fixture.token(fixture.clientCredentialsForm())
            #expect(token.count == 32)
            #expect(await fixture.emulator.counters.tokenRequests == 1)
        }
    }

    @Test("stop cuts a stalled request off instead of waiting for it")
    func stopDuringStall() async throws {
        let harnessTask = Task {
            try await EmulatorFixture.with(connection: .socket) { fixture in
                await fixture.emulator.injectFaults(.stall())
                let pending = Task { try await fixture.postToken(fixture.clientCredentialsForm()) }
                while await fixture.emulator.counters.tokenRequests == 0 {
                    try await Task.sleep(for: .milliseconds(20))
                }
                await fixture.emulator.stop()
                return await pending.result
            }
        }
        let result = try await harnessTask.value
        // The request's timeout is 10 s: a connection closed by stop is not a timeout.
        #expect(throws: TransportError.self) { try result.get() }
        #expect((try? result.get()) == nil)
        if case .failure(let error as TransportError) = result { #expect(error.code == .connectionFailed) }
    }

    @Test("jti refuses assertions as replayed, and leaves client credentials requests alone")
    func replayedJWTID() async throws {
        try await EmulatorFixture.with { fixture in
            await fixture.emulator.injectFaults(.replayedJWTID, count: 2)
            let refused = try await fixture.postToken(fixture.jwtForm(try fixture.assertion(try fixture.claims())))
            #expect(refused.status == 400)
            #expect(try refused.jsonObject()["error"]?.stringValue == "invalid_grant")
            #expect(try refused.jsonObject()["error_description"]?.stringValue?.contains("'jti'") == true)
            #expect(try await fixture.postToken(fixture.clientCredentialsForm()).status == 200)
            let counters = await fixture.emulator.counters
            #expect(counters.rejections(for: "jti") == 1)
            #expect(counters.tokenRequests == 2)
        }
    }

    @Test("the request log keeps jti, exp, subject and fault, and no secret")
    func requestLog() async throws {
        try await EmulatorFixture.with { fixture in
            let claims = try fixture.claims(.user(TestIdentity.userID))
            let assertion = try fixture.assertion(claims)
            await fixture.emulator.injectFaults(.status(502))
            _ = try await fixture.postToken(fixture.jwtForm(assertion))
            _ = try await fixture.postToken(fixture.clientCredentialsForm())
            let log = await fixture.emulator.tokenRequestLog
            try #require(log.count == 2)
            #expect(log[0].jwtID == claims.jwtID)
            #expect(log[0].expiresAt == claims.expiresAt)
            #expect(log[0].subject == .user(TestIdentity.userID))
            #expect(log[0].grantType == TestIdentity.jwtGrantType)
            #expect(log[0].fault == .status(502))
            #expect(log[1].jwtID == nil)
            #expect(log[1].subject == .enterprise(TestIdentity.enterpriseID))
            #expect(log[1].clientID == TestIdentity.clientID)
            #expect(log[1].fault == nil)
            var dumped = ""
            dump(log, to: &dumped)
            for text in [dumped, "\(log)"] {
                #expect(!text.contains(TestIdentity.clientSecret))
                #expect(!text.contains(assertion))
                #expect(!text.contains(String(assertion.split(separator: ".")[2])))
            }
        }
    }
}
