public import BoxAuth
import BoxAuthEmulator
import Foundation

/// The emulator fixture behind the one ``TinyProxy``: what the proxy tests of both transports and
/// the CLI share.
extension EmulatorFixture {
    /// The password of the proxy that asks for credentials (must never appear in output).
    public static let proxyPassword = "proxy-pw-7f3a9c"
    /// The user and password ``withProxy(transport:credentials:_:)`` makes tinyproxy ask for.
    public static let proxyCredentials = (user: "boxauth", password: proxyPassword)

    /// A `client-credentials` profile entry for the test app (its secret inline), with `extra`
    /// members (e.g. `"proxy": {"env": "TEST_PROXY_URL"}`).
    public static func proxyTestEntry(_ extra: String = "") -> String {
        """
        { "provider": "client-credentials", "clientID": "\(TestIdentity.clientID)",
          "clientSecret": "\(TestIdentity.clientSecret)", "enterpriseID": "\(TestIdentity.enterpriseID)"
          \(extra.isEmpty ? "" : ", " + extra) }
        """
    }

    /// Runs `body` with a tinyproxy (asking for ``proxyCredentials`` when `credentials`) and the
    /// emulator on a loopback socket reached through `transport`; both are stopped afterwards.
    public static func withProxy<Result>(
        transport: any HTTPTransport, credentials: Bool = false,
        _ body: (EmulatorFixture, TinyProxy) async throws -> Result
    ) async throws -> Result {
        try await TinyProxy.with(credentials: credentials ? proxyCredentials : nil) { proxy in
            try await EmulatorFixture.with(connection: .socket, client: transport) { fixture in
                try await body(fixture, proxy)
            }
        }
    }
}
