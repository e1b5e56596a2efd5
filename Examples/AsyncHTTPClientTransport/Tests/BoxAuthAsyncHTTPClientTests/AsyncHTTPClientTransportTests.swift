import AsyncHTTPClient
import BoxAuthAsyncHTTPClient
import BoxAuthEmulator
import BoxAuthProviders
import Testing

@Suite("AsyncHTTPClientTransport")
struct AsyncHTTPClientTransportTests {
    @Test("every built-in provider gets its token through async-http-client")
    func providersOverAsyncHTTPClient() async throws {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let sandbox = try await EmulatorSandbox.start()
        do {
            let file = try ProfilesFile.load(contentsOf: sandbox.profilesURL)
            let transport = AsyncHTTPClientTransport(client: client)
            for name in EmulatorSandbox.profileNames {
                let profile = try AuthProviderRegistry.standard.profile(name, in: file, environment: [:], transport: transport)
                let token = try await profile.provider.accessToken()
                #expect(!token.value.isEmpty, "\(name)")
            }
            #expect(await sandbox.emulator.counters.tokensIssued == 4)
        } catch {
            await sandbox.stop()
            try await client.shutdown()
            throw error
        }
        await sandbox.stop()
        try await client.shutdown()
    }

    @Test("a server that is gone is a TransportError, category unavailable")
    func connectionRefused() async throws {
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        let sandbox = try await EmulatorSandbox.start()
        let profile: ResolvedProfile
        do {
            let url = try sandbox.writeFile(
                "once.json",
                """
                { "profiles": { "once": { "provider": "client-credentials", "clientID": "\(sandbox.config.clientID)",
                  "clientSecret": "x", "enterpriseID": "1", "maxAttempts": 1, "timeout": 5,
                  "baseURL": "\(sandbox.baseURL.absoluteString)" } } }
                """)
            profile = try AuthProviderRegistry.standard.profile("once", in: try ProfilesFile.load(contentsOf: url), environment: [:],
                transport: AsyncHTTPClientTransport(client: client))
        } catch {
            await sandbox.stop()
            try await client.shutdown()
            throw error
        }
        // Nothing listens on the emulator's port once it has stopped.
        await sandbox.stop()
        let error = await #expect(throws: TransportError.self) { try await profile.provider.accessToken() }
        #expect(error?.category == .unavailable)
        try await client.shutdown()
    }
}
