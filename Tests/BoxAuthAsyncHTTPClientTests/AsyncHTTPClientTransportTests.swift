import AsyncHTTPClient
import BoxAuthAsyncHTTPClient
import BoxAuthEmulator
import BoxAuthOAuth2
import BoxAuthProviders
import BoxAuthSignIn
import BoxAuthTestSupport
import Foundation
import Testing

@Suite("AsyncHTTPClientTransport")
struct AsyncHTTPClientTransportTests {
    @Test("every built-in provider gets its token through async-http-client", arguments: EmulatorSandbox.profileNames)
    func providerOverAsyncHTTPClient(name: String) async throws {
        try await EmulatorFixture.withAsyncHTTPClient { sandbox in
            let state = sandbox.sandbox.folder.appendingPathComponent("state").path
            let profile = try AuthProviderRegistry.standard.profile(
                name, in: try ProfilesFile.load(contentsOf: sandbox.sandbox.profilesURL),
                environment: ["XDG_STATE_HOME": state], transport: sandbox.transport)
            if profile.provider is OAuth2AuthProvider {
                // The whole sign-in goes through async-http-client: consent page, redirect to the
                // sign-in's listener, code exchange, users/me.
                let browser = BrowserOpener { url in
                    let callback = try await EmulatedUserAgent(transport: sandbox.transport)
                        .consent(to: url, as: TestIdentity.userID)
                    _ = try await sandbox.transport.send(TransportRequest(method: "GET", url: callback))
                    return true
                }
                let user = try await SignIn(profile: profile).run(browser: browser)
                #expect(user.id == TestIdentity.userID)
            }
            let token = try await profile.accessToken()
            #expect(!token.value.isEmpty)
            #expect(try await sandbox.usersMe.response(token: token).status == 200)
            // The developer token is read from its file, not fetched.
            #expect(await sandbox.emulator.counters.tokensIssued == (name == "dev" ? 0 : 1))
        }
    }

    @Test("its client configuration does not retry connections (redirects: see redirectNotFollowed)")
    func clientConfiguration() {
        #expect(!AsyncHTTPClientTransport.clientConfiguration.connectionPool.retryConnectionEstablishment)
    }

    @Test("a refused connection fails at once with connectionFailed, not after the timeout")
    func refusedConnection() async throws {
        let url = URL(string: "http://127.0.0.1:\(try LoopbackPort.unused())/oauth2/token")!
        let client = HTTPClient(
            eventLoopGroupProvider: .singleton, configuration: AsyncHTTPClientTransport.clientConfiguration)
        var thrown: (any Error)?
        do {
            // A 60 s timeout: a client that retried the connection until then would report timedOut.
            _ = try await AsyncHTTPClientTransport(client: client).send(
                TransportRequest(method: "POST", url: url, timeout: 60))
        } catch {
            thrown = error
        }
        try await client.shutdown()
        let error = try #require(thrown as? TransportError)
        #expect(error.code == .connectionFailed)
        #expect(error.url == url.absoluteString)
        #expect(error.category == .unavailable)
    }

    @Test("a provider whose server is gone throws connectionFailed")
    func providerRefused() async throws {
        try await EmulatorFixture.withAsyncHTTPClient { sandbox in
            let port = try LoopbackPort.unused()
            let url = try sandbox.write(
                """
                { "profiles": { "once": { "provider": "client-credentials", "clientID": "\(sandbox.config.clientID)",
                  "clientSecret": { "file": "client_secret.txt" }, "enterpriseID": "\(TestIdentity.enterpriseID)",
                  "maxAttempts": 1, "timeout": 60, "baseURL": "http://127.0.0.1:\(port)" } } }
                """, named: "once.json")
            let file = try ProfilesFile.load(contentsOf: url)
            let profile = try AuthProviderRegistry.standard.profile(
                "once", in: file, environment: [:], transport: sandbox.transport)
            let error = try await #require(throws: TransportError.self) { try await profile.accessToken() }
            #expect(error.code == .connectionFailed)
        }
    }

    @Test("a redirect comes back as the 3xx answer and is not followed")
    func redirectNotFollowed() async throws {
        try await EmulatorFixture.withAsyncHTTPClient { sandbox in
            let token = sandbox.baseURL.appendingPathComponent("oauth2").appendingPathComponent("token")
            // Followed, the redirect would post the grant again and get a token.
            await sandbox.emulator.injectFaults(.status(307, headers: [("Location", token.absoluteString)], body: ""))
            let form = [
                ("grant_type", "client_credentials"), ("client_id", sandbox.config.clientID),
                ("client_secret", sandbox.config.clientSecret.exposedValue), ("box_subject_type", "enterprise"),
                ("box_subject_id", TestIdentity.enterpriseID),
            ]
            let response = try await sandbox.transport.send(
                TransportRequest(
                    method: "POST", url: token, headers: [("Content-Type", "application/x-www-form-urlencoded")],
                    body: FormEncoding.encode(form)))
            #expect(response.status == 307)
            #expect(await sandbox.emulator.counters.tokenRequests == 1)
        }
    }
}

@Suite("AsyncHTTPClientTransport: the response body cap")
struct AsyncHTTPClientTransportBodyCapTests {
    @Test("a body larger than 1 MiB is not read: responseTooLarge, not retried")
    func announcedTooLarge() async throws {
        try await EmulatorFixture.withAsyncHTTPClient { sandbox in
            let body = String(repeating: "x", count: TransportResponse.maximumBodySize + 1)
            await sandbox.emulator.injectFaults(
                .status(200, headers: [("Content-Type", "application/json")], body: body), count: 3)
            let endpoint = try TokenEndpoint(baseURL: sandbox.baseURL, transport: sandbox.transport)
            let form = [
                ("grant_type", "client_credentials"), ("client_id", sandbox.config.clientID),
                ("client_secret", sandbox.config.clientSecret.exposedValue), ("box_subject_type", "enterprise"),
                ("box_subject_id", TestIdentity.enterpriseID),
            ]
            let error = try await #require(throws: TransportError.self) { try await endpoint.requestToken(form: form) }
            #expect(error.code == .responseTooLarge)
            #expect(await sandbox.emulator.counters.tokenRequests == 1)
        }
    }

    @Test("an endless body without Content-Length: reading stops past 1 MiB with responseTooLarge")
    func endlessBody() async throws {
        let server = try EndlessBodyServer.start()
        defer { server.stop() }
        let client = HTTPClient(
            eventLoopGroupProvider: .singleton, configuration: AsyncHTTPClientTransport.clientConfiguration)
        var failure: (any Error)?
        do {
            _ = try await AsyncHTTPClientTransport(client: client).send(
                TransportRequest(method: "POST", url: server.url, timeout: 60))
        } catch {
            failure = error
        }
        try await client.shutdown()
        let error = try #require(failure as? TransportError, "\(String(describing: failure))")
        #expect(error.code == .responseTooLarge)
        // The client closed the connection: the server wrote far less than it would have.
        server.stop()
        #expect(server.bytesWritten < 16 << 20, "\(server.bytesWritten) bytes written")
    }
}
