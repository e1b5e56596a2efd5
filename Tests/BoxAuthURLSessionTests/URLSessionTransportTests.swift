import BoxAuth
import BoxAuthEmulator
import BoxAuthTestSupport
import BoxAuthURLSession
import Foundation
import Testing

@Suite("URLSessionTransport")
struct URLSessionTransportTests {
    static let clientID = "urlsessiontestclient000000001"
    static let clientSecret = "urlsession-test-client-secret"
    static let enterpriseID = "1234567"

    /// A client-credentials grant for the test app.
    static let form = [
        ("grant_type", "client_credentials"), ("client_id", clientID), ("client_secret", clientSecret),
        ("box_subject_type", "enterprise"), ("box_subject_id", enterpriseID),
    ]

    /// Runs `body` with an emulator that knows the test app, stopping it afterwards.
    static func withEmulator(_ body: (BoxEmulator, URL) async throws -> Void) async throws {
        let emulator = BoxEmulator()
        await emulator.register(
            EmulatedApp(clientID: clientID, clientSecret: clientSecret, enterpriseID: enterpriseID, publicKeys: [:]))
        let baseURL = try await emulator.start(host: "127.0.0.1", port: 0)
        do {
            try await body(emulator, baseURL)
        } catch {
            await emulator.stop()
            throw error
        }
        await emulator.stop()
    }

    @Test("a refused connection fails at once with connectionFailed, not after the timeout")
    func refusedConnection() async throws {
        let url = URL(string: "http://127.0.0.1:\(try LoopbackPort.unused())/oauth2/token")!
        let error = try await #require(throws: TransportError.self) {
            // A 60 s timeout: a transport that waited for it would report timedOut instead.
            try await URLSessionTransport().send(TransportRequest(method: "POST", url: url, timeout: 60))
        }
        #expect(error.code == .connectionFailed)
        #expect(error.url == url.absoluteString)
    }

    @Test("a redirect comes back as the 3xx answer and is not followed")
    func redirectNotFollowed() async throws {
        try await Self.withEmulator { emulator, baseURL in
            let endpoint = try TokenEndpoint(baseURL: baseURL, transport: URLSessionTransport())
            // Followed, the redirect would post the grant again and get a token.
            await emulator.injectFaults(.status(307, headers: [("Location", endpoint.url.absoluteString)], body: ""))
            let response = try await URLSessionTransport().send(
                TransportRequest(
                    method: "POST", url: endpoint.url, headers: [("Content-Type", "application/x-www-form-urlencoded")],
                    body: FormEncoding.encode(Self.form)))
            #expect(response.status == 307)
            #expect(await emulator.counters.tokenRequests == 1)
        }
    }

    @Test("a token from the emulator through the token endpoint")
    func token() async throws {
        try await Self.withEmulator { emulator, baseURL in
            let endpoint = try TokenEndpoint(baseURL: baseURL, transport: URLSessionTransport())
            let token = try await endpoint.requestToken(form: Self.form)
            #expect(!token.value.isEmpty)
            #expect(await emulator.counters.tokensIssued == 1)
        }
    }

    @Test("SharedTransport.default is one URLSessionTransport")
    func sharedDefault() {
        #expect(SharedTransport.default is URLSessionTransport)
    }
}

@Suite("URLSessionTransport: the response body cap")
struct URLSessionTransportBodyCapTests {
    @Test("a body announced larger than 1 MiB is not read: responseTooLarge, not retried")
    func announcedTooLarge() async throws {
        try await URLSessionTransportTests.withEmulator { emulator, baseURL in
            let endpoint = try TokenEndpoint(baseURL: baseURL, transport: URLSessionTransport())
            let body = String(repeating: "x", count: TransportResponse.maximumBodySize + 1)
            await emulator.injectFaults(.status(200, headers: [("Content-Type", "application/json")], body: body), count: 3)
            let error = try await #require(throws: TransportError.self) {
                try await endpoint.requestToken(form: URLSessionTransportTests.form)
            }
            #expect(error.code == .responseTooLarge)
            #expect(error.description.contains("larger than 1 MiB"))
            #expect(await emulator.counters.tokenRequests == 1)
        }
    }

    @Test("a body of exactly 1 MiB is read whole")
    func atTheLimit() async throws {
        try await URLSessionTransportTests.withEmulator { emulator, baseURL in
            let body = String(repeating: "x", count: TransportResponse.maximumBodySize)
            await emulator.injectFaults(.status(200, headers: [("Content-Type", "application/json")], body: body))
            let response = try await URLSessionTransport().send(
                TransportRequest(
                    method: "POST", url: baseURL.appendingPathComponent("oauth2/token"),
                    headers: [("Content-Type", "application/x-www-form-urlencoded")],
                    body: FormEncoding.encode(URLSessionTransportTests.form)))
            #expect(response.body.count == TransportResponse.maximumBodySize)
        }
    }

    @Test("an endless body without Content-Length: reading stops past 1 MiB with responseTooLarge")
    func endlessBody() async throws {
        let server = try EndlessBodyServer.start()
        defer { server.stop() }
        let error = try await #require(throws: TransportError.self) {
            try await URLSessionTransport().send(TransportRequest(method: "POST", url: server.url, timeout: 60))
        }
        #expect(error.code == .responseTooLarge)
        #expect(error.url == server.url.absoluteString)
        // How far libcurl reads ahead before the cancellation reaches it depends on the machine's
        // load (from tens of MiB to the server's whole limit on loopback), so it is not checked;
        // nothing past the cap is kept in the response.
    }
}
