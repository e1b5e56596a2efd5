import BoxAuth
import BoxAuthEmulator
import BoxAuthProviders
import Foundation
import Logging
import Synchronization

/// Sandbox folders to delete when the benchmark process exits: the last emulator of a run is never
/// stopped, since the process ends with it.
private let sandboxFolders = Mutex<[String]>([])
private let deleteSandboxFoldersAtExit: Void = {
    atexit { sandboxFolders.withLock { for folder in $0 { try? FileManager.default.removeItem(atPath: folder) } } }
}()

/// One emulator sandbox per benchmark process, with a profile for every refresh path, kept for the
/// whole run (the emulator's token table costs constant time per grant however many tokens it holds).
actor World {
    static let shared = World()

    /// The profiles written beside the sandbox's own, one per refresh path.
    static let profileNames = ["jwt-rs256", "client-credentials", "user-jwt", "user-client-credentials"]

    struct Running: Sendable {
        let sandbox: EmulatorSandbox
        let profiles: ProfilesFile
        /// `GET {baseURL}/2.0/users/me` with a developer token: the bare HTTP round trip.
        let usersMe: TransportRequest
        /// The sandbox app's key (for the bare signature that a JWT refresh is compared with).
        let key: RSAPrivateKey

        var emulator: BoxEmulator { sandbox.emulator }

        /// A new provider (its own empty cache) for `profile`.
        func provider(_ profile: String) throws -> any AuthProvider {
            try AuthProviderRegistry.standard.profile(profile, in: profiles, environment: [:], logger: World.quietLogger
            ).provider
        }
    }

    private var running: Running?
    private var warm: (any AuthProvider)?
    private var pathProviders: [any AuthProvider]?

    static let quietLogger: Logger = {
        var logger = Logger(label: "box-auth-benchmarks")
        logger.logLevel = .error
        return logger
    }()

    func get() async throws -> Running {
        if let running { return running }
        let sandbox = try await EmulatorSandbox.start(configuration: .init(logger: Self.quietLogger))
        _ = deleteSandboxFoldersAtExit
        sandboxFolders.withLock { $0.append(sandbox.folder.path) }
        let base = sandbox.baseURL.absoluteString
        let id = sandbox.config.clientID
        let url = try sandbox.writeFile(
            "bench-profiles.json",
            """
            {
              "profiles": {
                "jwt-rs256": { "provider": "jwt", "configFile": "box_config.json", "algorithm": "RS256", "baseURL": "\(base)" },
                "client-credentials": { "provider": "client-credentials", "clientID": "\(id)",
                  "clientSecret": { "file": "client_secret.txt" }, "enterpriseID": "\(EmulatorSandbox.enterpriseID)", "baseURL": "\(base)" },
                "user-jwt": { "provider": "user-access-token", "userID": "33333", "grant": "jwt",
                  "configFile": "box_config.json", "baseURL": "\(base)" },
                "user-client-credentials": { "provider": "user-access-token", "userID": "44444", "grant": "client-credentials",
                  "clientID": "\(id)", "clientSecret": { "file": "client_secret.txt" }, "baseURL": "\(base)" }
              }
            }
            """)
        let developerToken = try String(contentsOf: sandbox.folder.appendingPathComponent("developer_token.txt"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let usersMe = TransportRequest(
            method: "GET", url: sandbox.baseURL.appendingPathComponent("2.0/users/me"),
            headers: [("Authorization", "Bearer \(developerToken)"), ("Accept", "application/json")])
        let started = Running(
            sandbox: sandbox, profiles: try ProfilesFile.load(contentsOf: url), usersMe: usersMe,
            key: try sandbox.config.loadPrivateKey())
        running = started
        return started
    }

    /// One JWT provider, kept for the whole run, with a token in its cache.
    func warmJWTProvider() async throws -> any AuthProvider {
        if let warm { return warm }
        let provider = try await get().provider("jwt-rs256")
        _ = try await provider.accessToken()
        warm = provider
        return provider
    }

    /// One provider per refresh path (``profileNames``) on the current emulator, kept between samples.
    func providersForEveryPath() async throws -> (Running, [any AuthProvider]) {
        let world = try await get()
        if let pathProviders { return (world, pathProviders) }
        let providers = try Self.profileNames.map { try world.provider($0) }
        pathProviders = providers
        return (world, providers)
    }
}
