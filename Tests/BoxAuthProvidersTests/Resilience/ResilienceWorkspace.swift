import BoxAuth
import BoxAuthEmulator
import BoxAuthProviders
import BoxAuthURLSession
import Foundation
import Logging

/// One fault-matrix run: an emulator that knows the test app, a transport of the run's own (so no
/// connection is shared with another run) and a log that keeps what providers log.
///
/// Profiles carry their credentials inline and live in memory: no run reads or writes a file, as
/// file I/O on a busy disk blocks the cooperative threads every test in the process shares.
struct ResilienceWorkspace {
    static let enterpriseID = "7654321"
    static let userID = "33333"

    /// The app, made once per test process (key generation and encryption take a moment).
    static let app = Result { () throws -> BoxAppConfig in
        let key = try RSAPrivateKey.generate(bits: 2048)
        let passphrase = Secret("resilience-\(try SecureRandom.hex(byteCount: 8))")
        return BoxAppConfig(
            clientID: "resilience\(try SecureRandom.hex(byteCount: 11))",
            clientSecret: Secret("secret-\(try SecureRandom.hex(byteCount: 16))"), publicKeyID: "resilience-key",
            privateKey: try key.pkcs8PEM(passphrase: passphrase), passphrase: passphrase, enterpriseID: enterpriseID)
    }

    let emulator: BoxEmulator
    let baseURL: URL
    let config: BoxAppConfig
    let transport = URLSessionTransport()
    let log = ResilienceLog()

    /// Runs `body` with a new workspace whose emulator's clock is `clockOffset` seconds ahead, and
    /// stops the emulator afterwards, whether `body` throws or not.
    static func with<Result>(
        clockOffset: TimeInterval = 0, _ body: (ResilienceWorkspace) async throws -> Result
    ) async throws -> Result {
        let config = try app.get()
        var configuration = BoxEmulator.Configuration(clockOffset: clockOffset)
        configuration.logger.logLevel = .error
        let emulator = BoxEmulator(configuration: configuration)
        try await emulator.register(config: config, knownUserIDs: [userID])
        let baseURL = try await emulator.start()
        let workspace = ResilienceWorkspace(emulator: emulator, baseURL: baseURL, config: config)
        do {
            let result = try await body(workspace)
            await emulator.stop()
            return result
        } catch {
            await emulator.stop()
            throw error
        }
    }

    /// Builds `provider` from a one-profile profiles file held in memory, with the standard
    /// registry, this run's transport and a logger that writes into ``log``.
    func provider(_ provider: MatrixProvider, policy: MatrixPolicy) throws -> any AuthProvider {
        var entry = provider.entry(app: config, policy: policy)
        entry["baseURL"] = .string(baseURL.absoluteString)
        let root: JSONValue = .object(["version": .integer(1), "profiles": .object(["test": .object(entry)])])
        let file = try ProfilesFile(
            json: root, url: FileManager.default.temporaryDirectory.appendingPathComponent("resilience-profiles.json"))
        return try AuthProviderRegistry.standard.profile("test", in: file, environment: [:], transport: transport, logger: log.logger
        ).provider
    }
}
