import BoxAuth
import BoxAuthBroker
import BoxAuthEmulator
import BoxAuthProviders
import Foundation
import Logging
import ServiceLifecycle

/// A ``TokenBroker`` embedded as `box-auth serve` runs it (the standard registry, the registry's
/// default transport to the emulator over loopback), on a Unix socket and on `127.0.0.1:0`.
struct BrokerUnderTest: Sendable {
    let broker: TokenBroker
    let endpoints: TokenBroker.Endpoints
    /// The TCP listener's bearer secret (the token file beside the socket).
    let secret: String
    private let group: ServiceGroup
    private let running: Task<Void, any Error>

    /// The profiles file the broker serves: one `jwt` profile, `service`, on `sandbox`'s app.
    static func writeProfiles(in sandbox: EmulatorSandbox) throws -> URL {
        try sandbox.writeFile(
            "broker-profiles.json",
            """
            {
              "profiles": {
                "service": { "provider": "jwt", "configFile": "box_config.json", "baseURL": "\(sandbox.baseURL.absoluteString)" }
              }
            }
            """)
    }

    /// Starts a broker with its socket in `folder` (created, 0700) and waits until it listens.
    static func start(profiles: URL, folder: String, logger: Logger) async throws -> BrokerUnderTest {
        try FileManager.default.createDirectory(
            atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let broker = try TokenBroker(
            configuration: .init(profilesFile: profiles.path, socketPath: folder + "/broker.sock", listen: "127.0.0.1:0"),
            registry: .standard, environment: [:], logger: logger)
        let group = ServiceGroup(services: [broker], gracefulShutdownSignals: [], cancellationSignals: [], logger: logger)
        let running = Task { try await group.run() }
        let endpoints: TokenBroker.Endpoints
        do {
            endpoints = try await broker.endpoints()
        } catch {
            await group.triggerGracefulShutdown()
            _ = await running.result
            throw error
        }
        let secret = try String(contentsOfFile: folder + "/broker.token", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return BrokerUnderTest(broker: broker, endpoints: endpoints, secret: secret, group: group, running: running)
    }

    func stop() async {
        await group.triggerGracefulShutdown()
        _ = await running.result
    }
}
