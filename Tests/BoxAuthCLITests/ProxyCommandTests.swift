import BoxAuth
import BoxAuthTestSupport
import BoxAuthURLSession
import Foundation
import Testing

/// `box-auth token` as a child process, through tinyproxy, against the emulator over real sockets.
@Suite("box-auth token through a proxy", .enabled(if: TinyProxy.shouldRun, "needs tinyproxy (apt-get install -y tinyproxy)"))
struct ProxyCommandTests {
    /// Runs `box-auth token --verbose` with the `automation` profile and `environment`.
    private func token(_ fixture: EmulatorFixture, _ environment: [String: String], profile: String = "automation")
        async throws -> ProductProcess.Result
    {
        var environment = environment
        environment["CLI_TEST_SECRET"] = TestIdentity.clientSecret
        return try await ProductProcess.boxAuth(
            ["token", "--verbose", "--profiles", fixture.profilesPath, "--profile", profile], environment: environment)
    }

    @Test("HTTP_PROXY (or http_proxy) sends the token request through the proxy", arguments: ["HTTP_PROXY", "http_proxy"])
    func environmentProxy(variable: String) async throws {
        try await EmulatorFixture.withProxy(transport: URLSessionTransport()) { fixture, proxy in
            try fixture.writeCLIProfiles(baseURL: fixture.baseURL.absoluteString)
            let result = try await token(fixture, [variable: proxy.url()])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(try await proxy.waitForRequest(to: fixture.baseURL), "\(proxy.log)")
            #expect(proxy.requests.contains { $0.hasPrefix("CONNECT 127.0.0.1:\(fixture.baseURL.port ?? 0) ") })
        }
    }

    @Test("NO_PROXY bypasses the proxy", arguments: [["HTTP_PROXY", "NO_PROXY"], ["http_proxy", "no_proxy"]])
    func noProxyBypasses(variables: [String]) async throws {
        try await EmulatorFixture.withProxy(transport: URLSessionTransport()) { fixture, proxy in
            try fixture.writeCLIProfiles(baseURL: fixture.baseURL.absoluteString)
            let result = try await token(fixture, [variables[0]: proxy.url(), variables[1]: "localhost,127.0.0.1"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(proxy.requests.isEmpty, "\(proxy.requests)")
        }
    }

    @Test("a profile's proxy with credentials works and the credentials never appear in the output")
    func profileProxyWithCredentials() async throws {
        try await EmulatorFixture.withProxy(transport: URLSessionTransport(), credentials: true) { fixture, proxy in
            try fixture.writeProfiles([
                "proxied": EmulatorFixture.proxyTestEntry(#""proxy": {"env": "TEST_PROXY_URL"}"#)
            ])
            let result = try await token(fixture, ["TEST_PROXY_URL": proxy.url()], profile: "proxied")
            #expect(result.status == 0, "\(result.stderr)")
            #expect(try await proxy.waitForRequest(to: fixture.baseURL), "\(proxy.log)")
            #expect(!result.output.contains(EmulatorFixture.proxyPassword))
        }
    }

    @Test("a proxy that refuses the credentials: exit 4, naming the proxy without them")
    func refusingProxy() async throws {
        try await EmulatorFixture.withProxy(transport: URLSessionTransport(), credentials: true) { fixture, proxy in
            try fixture.writeCLIProfiles(baseURL: fixture.baseURL.absoluteString)
            let result = try await token(fixture, ["HTTP_PROXY": "http://boxauth:wrong-pw-1234@127.0.0.1:\(proxy.port)"])
            #expect(result.status == 4, "\(result.output)")
            #expect(result.stderr.contains("the proxy http://127.0.0.1:\(proxy.port) refused"), "\(result.stderr)")
            #expect(result.stderr.contains("NO_PROXY"))
            #expect(!result.output.contains("wrong-pw-1234"))
        }
    }

    @Test("a proxy that cannot be reached: exit 4, naming the proxy without its credentials")
    func unreachableProxy() async throws {
        try await EmulatorFixture.withCLI { fixture in
            let port = try LoopbackPort.unused()
            let result = try await token(fixture, ["HTTP_PROXY": "http://u:hidden-pw-55@127.0.0.1:\(port)"])
            #expect(result.status == 4, "\(result.output)")
            #expect(result.stderr.contains("cannot reach the proxy http://127.0.0.1:\(port)"), "\(result.stderr)")
            #expect(!result.output.contains("hidden-pw-55"))
        }
    }
}

/// The environment given to the registry decides, not the process's: `box-auth demo` resolves its
/// profiles with an environment of its own (no proxy variables), so its requests go direct even
/// though the process's `http_proxy` names a proxy that FoundationNetworking's libcurl would use.
@Suite("box-auth demo and the process's http_proxy", .enabled(if: TinyProxy.shouldRun, "needs tinyproxy (apt-get install -y tinyproxy)"))
struct ProcessEnvironmentProxyTests {
    @Test("the process's http_proxy does not override the environment given to the registry")
    func processEnvironmentIgnored() async throws {
        try await TinyProxy.with { proxy in
            let result = try await ProductProcess.boxAuth(
                ["demo"], environment: ["http_proxy": proxy.url(), "https_proxy": proxy.url()])
            #expect(result.status == 0, "\(result.output)")
            #expect(proxy.requests.isEmpty, "\(proxy.requests)")
        }
    }
}
