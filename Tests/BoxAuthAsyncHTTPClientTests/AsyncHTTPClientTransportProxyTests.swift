import AsyncHTTPClient
import BoxAuth
import BoxAuthAsyncHTTPClient
import BoxAuthTestSupport
import Foundation
import Testing

/// `AsyncHTTPClientTransport` through a real proxy (tinyproxy on the loopback): a client per proxy.
@Suite(
    "AsyncHTTPClientTransport proxies", .enabled(if: TinyProxy.shouldRun, "needs tinyproxy (apt-get install -y tinyproxy)"))
struct AsyncHTTPClientTransportProxyTests {
    /// Runs `body` with a transport whose client and proxy clients are shut down afterwards.
    private func withTransport(_ body: (AsyncHTTPClientTransport) async throws -> Void) async throws {
        let client = HTTPClient(
            eventLoopGroupProvider: .singleton, configuration: AsyncHTTPClientTransport.clientConfiguration)
        let transport = AsyncHTTPClientTransport(client: client)
        do {
            try await body(transport)
        } catch {
            try? await transport.shutdown()
            try? await client.shutdown()
            throw error
        }
        try await transport.shutdown()
        try await client.shutdown()
    }

    @Test("HTTP_PROXY sends the token request through the proxy")
    func environmentProxy() async throws {
        try await withTransport { transport in
            try await EmulatorFixture.withProxy(transport: transport) { fixture, proxy in
                let profile = try fixture.profile(
                    EmulatorFixture.proxyTestEntry(), environment: ["HTTP_PROXY": proxy.url()])
                _ = try await profile.provider.accessToken()
                #expect(try await proxy.waitForRequest(to: fixture.baseURL), "\(proxy.log)")
            }
        }
    }

    @Test("NO_PROXY bypasses the proxy", arguments: ["127.0.0.1", "*", "localhost 127.0.0.1"])
    func noProxyBypasses(noProxy: String) async throws {
        try await withTransport { transport in
            try await EmulatorFixture.withProxy(transport: transport) { fixture, proxy in
                let profile = try fixture.profile(
                    EmulatorFixture.proxyTestEntry(), environment: ["HTTP_PROXY": proxy.url(), "no_proxy": noProxy])
                _ = try await profile.provider.accessToken()
                #expect(proxy.requests.isEmpty, "\(proxy.requests)")
            }
        }
    }

    @Test("a profile's proxy with credentials passes the proxy's BasicAuth")
    func profileProxyWithCredentials() async throws {
        try await withTransport { transport in
            try await EmulatorFixture.withProxy(transport: transport, credentials: true) { fixture, proxy in
                let profile = try fixture.profile(
                    EmulatorFixture.proxyTestEntry(#""proxy": {"env": "TEST_PROXY_URL"}"#),
                    environment: ["TEST_PROXY_URL": proxy.url()])
                _ = try await profile.provider.accessToken()
                #expect(try await proxy.waitForRequest(to: fixture.baseURL), "\(proxy.log)")
            }
        }
    }

    @Test("a proxy that refuses (407) is a ProxyError naming it without credentials")
    func refusingProxy() async throws {
        try await withTransport { transport in
            try await EmulatorFixture.withProxy(transport: transport, credentials: true) { fixture, proxy in
                let profile = try fixture.profile(
                    EmulatorFixture.proxyTestEntry(),
                    environment: ["HTTP_PROXY": "http://boxauth:wrong-pw-1234@127.0.0.1:\(proxy.port)"])
                let error = try await #require(throws: ProxyError.self) { try await profile.provider.accessToken() }
                #expect(error.code == .refused)
                #expect(error.description.contains("http://127.0.0.1:\(proxy.port)"))
                #expect(!error.description.contains("wrong-pw-1234"))
            }
        }
    }

    @Test("a proxy that cannot be reached is a ProxyError naming it")
    func unreachableProxy() async throws {
        try await withTransport { transport in
            try await EmulatorFixture.with(connection: .socket, client: transport) { fixture in
                let port = try LoopbackPort.unused()
                let profile = try fixture.profile(
                    EmulatorFixture.proxyTestEntry(),
                    environment: ["HTTP_PROXY": "http://u:hidden-pw-55@127.0.0.1:\(port)"])
                let error = try await #require(throws: ProxyError.self) { try await profile.provider.accessToken() }
                #expect(error.code == .unreachable, "\(error)")
                #expect(!error.description.contains("hidden-pw-55"))
            }
        }
    }
}
