import BoxAuth
import BoxAuthTestSupport
import BoxAuthURLSession
import Foundation
import Testing

/// `URLSessionTransport` through a real proxy (tinyproxy on the loopback), with the environment
/// passed to the registry, never the process's.
@Suite("URLSessionTransport proxies", .enabled(if: TinyProxy.shouldRun, "needs tinyproxy (apt-get install -y tinyproxy)"))
struct URLSessionTransportProxyTests {
    @Test("HTTP_PROXY sends the token request through the proxy")
    func environmentProxy() async throws {
        try await EmulatorFixture.withProxy(transport: URLSessionTransport()) { fixture, proxy in
            let profile = try fixture.profile(
                EmulatorFixture.proxyTestEntry(), environment: ["HTTP_PROXY": proxy.url()])
            _ = try await profile.provider.accessToken()
            #expect(try await proxy.waitForRequest(to: fixture.baseURL), "\(proxy.log)")
            #expect(proxy.requests.contains { $0.hasPrefix("CONNECT 127.0.0.1:\(fixture.baseURL.port ?? 0) ") })
        }
    }

    @Test("NO_PROXY bypasses the proxy", arguments: ["127.0.0.1", "*", "localhost,127.0.0.1"])
    func noProxyBypasses(noProxy: String) async throws {
        try await EmulatorFixture.withProxy(transport: URLSessionTransport()) { fixture, proxy in
            let profile = try fixture.profile(
                EmulatorFixture.proxyTestEntry(), environment: ["HTTP_PROXY": proxy.url(), "NO_PROXY": noProxy])
            _ = try await profile.provider.accessToken()
            #expect(proxy.requests.isEmpty, "\(proxy.requests)")
        }
    }

    @Test("a profile's proxy with credentials passes the proxy's BasicAuth, and never shows them")
    func profileProxyWithCredentials() async throws {
        try await EmulatorFixture.withProxy(transport: URLSessionTransport(), credentials: true) { fixture, proxy in
            let profile = try fixture.profile(
                EmulatorFixture.proxyTestEntry(#""proxy": {"env": "TEST_PROXY_URL"}"#),
                environment: ["TEST_PROXY_URL": proxy.url()])
            _ = try await profile.provider.accessToken()
            #expect(try await proxy.waitForRequest(to: fixture.baseURL), "\(proxy.log)")
            let shown = "\(profile.options) \(String(reflecting: profile.options.proxy))"
            #expect(!shown.contains(EmulatorFixture.proxyPassword))
            #expect(shown.contains("http://127.0.0.1:\(proxy.port)"))
        }
    }

    @Test("a proxy that refuses (407: no or wrong credentials) is a ProxyError naming it without credentials")
    func refusingProxy() async throws {
        try await EmulatorFixture.withProxy(transport: URLSessionTransport(), credentials: true) { fixture, proxy in
            for url in [proxy.url(withCredentials: false), "http://boxauth:wrong-pw-1234@127.0.0.1:\(proxy.port)"] {
                let profile = try fixture.profile(EmulatorFixture.proxyTestEntry(), environment: ["HTTP_PROXY": url])
                let error = try await #require(throws: ProxyError.self) { try await profile.provider.accessToken() }
                #expect(error.code == .refused)
                #expect(error.category == .unavailable)
                #expect(error.description.contains("http://127.0.0.1:\(proxy.port)"))
                #expect(error.description.contains("HTTPS_PROXY"))
                #expect(!error.description.contains("wrong-pw-1234"))
            }
        }
    }

    @Test("a proxy that cannot be reached is a ProxyError naming it")
    func unreachableProxy() async throws {
        try await EmulatorFixture.with(connection: .socket, client: URLSessionTransport()) { fixture in
            let port = try LoopbackPort.unused()
            let profile = try fixture.profile(
                EmulatorFixture.proxyTestEntry(), environment: ["HTTP_PROXY": "http://u:hidden-pw-55@127.0.0.1:\(port)"])
            let error = try await #require(throws: ProxyError.self) { try await profile.provider.accessToken() }
            #expect(error.code == .unreachable)
            #expect(error.description.contains("cannot reach the proxy http://127.0.0.1:\(port)"))
            #expect(!error.description.contains("hidden-pw-55"))
        }
    }

    @Test("HTTPS_PROXY: a CONNECT the proxy refuses is a ProxyError (tinyproxy allows no CONNECT port here)")
    func httpsProxyConnect() async throws {
        try await TinyProxy.with(credentials: EmulatorFixture.proxyCredentials) { proxy in
            let proxies = try ProxyConfiguration(environment: ["HTTPS_PROXY": proxy.url(withCredentials: false)])
            let request = TransportRequest(
                method: "GET", url: URL(string: "https://box-auth.invalid/oauth2/token")!, timeout: 30,
                proxy: proxies)
            let error = try await #require(throws: ProxyError.self) { try await URLSessionTransport().send(request) }
            #expect(error.code == .refused, "\(error)")
            #expect(try await proxy.waitForRequest(to: URL(string: "https://box-auth.invalid:443")!), "\(proxy.log)")
        }
    }
}
