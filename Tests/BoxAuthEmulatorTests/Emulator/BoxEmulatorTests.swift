import BoxAuth
import BoxAuthEmulator
import BoxAuthTestSupport
import BoxAuthURLSession
import Foundation
import Testing
@_spi(Plumbing) import BoxAuthJWT

@Suite("BoxEmulator")
struct BoxEmulatorTests {
    @Test("start answers on a loopback base URL and stop closes it")
    func startAndStop() async throws {
        let emulator = BoxEmulator(configuration: EmulatorFixture.quietConfiguration())
        let url = try await emulator.start()
        #expect(url.scheme == "http")
        #expect(url.host == "127.0.0.1")
        #expect((url.port ?? 0) > 0)
        let me = TransportRequest(method: "GET", url: url.appendingPathComponent("2.0/users/me"), timeout: 60)
        #expect(try await URLSessionTransport().send(me).status == 401)
        await emulator.stop()
        await emulator.stop()
        await #expect(throws: TransportError.self) { try await URLSessionTransport().send(me) }
    }

    @Test("start twice is an error, and start after stop works")
    func restart() async throws {
        let emulator = BoxEmulator(configuration: EmulatorFixture.quietConfiguration())
        _ = try await emulator.start()
        let error = await #expect(throws: EmulatorError.self) { try await emulator.start() }
        #expect(error?.code == .alreadyRunning)
        await emulator.stop()
        let url = try await emulator.start()
        let me = TransportRequest(method: "GET", url: url.appendingPathComponent("2.0/users/me"), timeout: 60)
        #expect(try await URLSessionTransport().send(me).status == 401)
        await emulator.stop()
    }

    @Test("a port in use or an empty host fails to start", arguments: ["port in use", "empty host"])
    func failsToStart(problem: String) async throws {
        try await EmulatorFixture.with(connection: .socket) { fixture in
            let second = BoxEmulator(configuration: EmulatorFixture.quietConfiguration())
            let error = await #expect(throws: EmulatorError.self) {
                if problem == "empty host" {
                    _ = try await second.start(host: "")
                } else {
                    _ = try await second.start(port: try #require(fixture.baseURL.port))
                }
            }
            #expect(error?.code == .serverDidNotStart)
            await second.stop()
        }
    }

    @Test("register(config:) accepts assertions signed with the config's key")
    func registerConfig() async throws {
        let key = try TestKeys.other
        let passphrase = Secret("emulator-test-passphrase")
        let config = BoxAppConfig(
            clientID: "configappclientid", clientSecret: Secret("config-app-secret"), publicKeyID: "configkid",
            privateKey: try key.pkcs8PEM(passphrase: passphrase), passphrase: passphrase, enterpriseID: "1111111")
        try await EmulatorFixture.with { fixture in
            try await fixture.emulator.register(config: config, knownUserIDs: ["77777"])
            for subject in [BoxSubject.enterprise("1111111"), .user("77777")] {
                let claims = try JWTClaims.fresh(clientID: config.clientID, subject: subject)
                let assertion = try JWTAssertion(claims: claims, keyID: "configkid", algorithm: .rs256, key: key)
                let form = fixture.jwtForm(
                    assertion.compact.exposedValue, clientID: config.clientID, clientSecret: "config-app-secret")
                #expect(try await fixture.postToken(form).status == 200)
            }
        }
    }

    @Test("register(config:) reports a key it cannot load")
    func registerConfigBadKey() async throws {
        let config = BoxAppConfig(
            clientID: "c", clientSecret: Secret("s"), publicKeyID: "k", privateKey: Secret("not a key"),
            passphrase: nil, enterpriseID: "1")
        let emulator = BoxEmulator(configuration: EmulatorFixture.quietConfiguration())
        await #expect(throws: ConfigurationError.self) { try await emulator.register(config: config) }
    }

    @Test("counters add up across grants and refusals")
    func counters() async throws {
        try await EmulatorFixture.with { fixture in
            _ = try await fixture.postToken(fixture.jwtForm(try fixture.assertion(try fixture.claims())))
            _ = try await fixture.postToken(fixture.clientCredentialsForm())
            _ = try await fixture.postToken(fixture.clientCredentialsForm(clientSecret: "wrong"))
            _ = try await fixture.postToken(fixture.clientCredentialsForm(clientSecret: "wrong"))
            _ = try await fixture.postToken(fixture.clientCredentialsForm(subjectID: "1"))
            let counters = await fixture.emulator.counters
            #expect(counters.tokenRequests == 5)
            #expect(counters.tokensIssued == 2)
            #expect(counters.rejections == ["invalid_client": 2, "subject": 1])
            #expect(counters.rejections(for: "invalid_client") == 2)
            #expect(counters.rejections(for: "jti") == 0)
            #expect(counters.totalRejections == 3)
        }
    }

    @Test(
        "run serves in the foreground until cancelled or stopped, then shuts down gracefully",
        .timeLimit(.minutes(1)), arguments: ["cancel", "stop"])
    func runInForeground(ending: String) async throws {
        let log = TestLog(label: "emulator-test")
        var configuration = BoxEmulator.Configuration()
        configuration.logger = log.logger
        // Nothing is held open here: shutting down is graceful however long a busy machine takes.
        configuration.shutdownGracePeriod = .seconds(45)
        let emulator = BoxEmulator(configuration: configuration)
        let (urls, ready) = AsyncStream.makeStream(of: URL.self)
        let server = Task { try await emulator.run(onReady: { ready.yield($0) }) }
        var iterator = urls.makeAsyncIterator()
        let url = try #require(await iterator.next())
        let me = TransportRequest(method: "GET", url: url.appendingPathComponent("2.0/users/me"), timeout: 60)
        #expect(try await URLSessionTransport().send(me).status == 401)
        let error = await #expect(throws: EmulatorError.self) { try await emulator.start() }
        #expect(error?.code == .alreadyRunning)
        if ending == "cancel" { server.cancel() } else { await emulator.stop() }
        try await server.value
        let logged = log.lines
        #expect(logged.contains { $0.contains("Box emulator stopped") })
        #expect(!logged.contains { $0.hasPrefix("error") || $0.hasPrefix("critical") }, "\(logged)")
        await #expect(throws: TransportError.self) { try await URLSessionTransport().send(me) }
    }

    @Test("logs never contain client secrets, assertions or tokens")
    func logsNoSecrets() async throws {
        let log = TestLog(label: "emulator-test")
        var configuration = BoxEmulator.Configuration()
        configuration.logger = log.logger
        let (assertion, token) = try await EmulatorFixture.with(configuration) { fixture in
            let assertion = try fixture.assertion(try fixture.claims())
            let token = try await fixture.token(fixture.jwtForm(assertion))
            _ = try await fixture.postToken(fixture.jwtForm(assertion))
            _ = try await fixture.postToken(fixture.clientCredentialsForm(clientSecret: "wrong-secret-value"))
            _ = try await fixture.usersMe.response(bearer: token)
            return (assertion, token)
        }
        let logged = log.lines
        #expect(logged.contains { $0.contains("Issued token") })
        #expect(logged.contains { $0.contains("Refused token request") && $0.contains("reason=jti") })
        for secret in [TestIdentity.clientSecret, "wrong-secret-value", assertion, token] {
            #expect(!logged.contains { $0.contains(secret) })
        }
    }
}
