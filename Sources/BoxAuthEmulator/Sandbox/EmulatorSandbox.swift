public import BoxAuth
public import Foundation
import Logging

/// A ready-to-use offline setup: an emulator (listening on loopback, or reachable in-process only),
/// an app with an encrypted key pair (fresh, or a ``SandboxIdentity`` you pass), and a folder
/// holding its `box_config.json`, secret files and a `profiles.json` with one profile per built-in
/// provider, all pointed at the emulator.
///
/// ```swift
/// let sandbox = try await EmulatorSandbox.start()
/// let file = try ProfilesFile.load(contentsOf: sandbox.profilesURL)
/// let profile = try AuthProviderRegistry.standard.profile("alice", in: file)
/// // ...
/// await sandbox.stop()
/// ```
public struct EmulatorSandbox: Sendable {
    /// The enterprise the sandbox app belongs to.
    public static let enterpriseID = "1234567"
    /// The users the app may act as, by ID.
    public static let users = ["33333": "Alice Demo", "44444": "Bob Demo"]
    /// The profiles written to `profiles.json`, in the order they are best shown.
    public static let profileNames = ["service", "automation", "alice", "bob", "dev", "me"]

    /// The temporary folder (mode 0700) holding the files.
    public let folder: URL
    /// The emulator, listening or not (see ``start(configuration:identity:listening:)``).
    public let emulator: BoxEmulator
    /// The emulator's base URL (`http://127.0.0.1:PORT`), which `profiles.json` points at. When
    /// the sandbox does not listen, it is ``notListeningURL``, where nothing answers.
    public let baseURL: URL
    /// The app's configuration, as written to `box_config.json`.
    public let config: BoxAppConfig
    /// The `profiles.json` file.
    public let profilesURL: URL

    /// The base URL of a sandbox that does not listen: the discard port on loopback, so that a
    /// request sent over a socket by mistake fails at once.
    public static let notListeningURL = URL(string: "http://127.0.0.1:9")!  // a literal that parses

    /// A transport reaching the emulator in-process, without a socket, whether the sandbox listens
    /// or not; the host and port of request URLs are ignored. To test over a socket, send to
    /// ``baseURL`` with a transport of your own.
    public var transport: any HTTPTransport { emulator.inProcessTransport }

    /// Creates the app and files and starts the emulator, on an ephemeral loopback port unless
    /// `listening` is false.
    ///
    /// ```swift
    /// // Offline and socket-free, with a committed key:
    /// let sandbox = try await EmulatorSandbox.start(identity: identity, listening: false)
    /// let file = try ProfilesFile.load(contentsOf: sandbox.profilesURL)
    /// let provider = try AuthProviderRegistry.standard.profile(
    ///     "service", in: file, environment: [:], transport: sandbox.transport)
    /// ```
    /// > Important: Call ``stop()`` when done: it stops the server and deletes the folder.
    /// - Parameters:
    ///   - configuration: How the emulator issues tokens, reads its clock and logs.
    ///   - identity: The app to register; nil generates a fresh one (a new 2048-bit RSA key,
    ///     which takes a moment).
    ///   - listening: Whether the emulator listens on a socket. When false, ``baseURL`` and the
    ///     profiles point at ``notListeningURL``, and only ``transport`` reaches the emulator.
    /// - Throws: `RSAKeyError` when a fresh key cannot be made, `ConfigurationError` when
    ///   `identity`'s key cannot be loaded, ``EmulatorError`` when the server cannot listen, and
    ///   file errors when the folder cannot be written.
    public static func start(
        configuration: BoxEmulator.Configuration = .init(), identity: SandboxIdentity? = nil, listening: Bool = true
    ) async throws -> EmulatorSandbox {
        let identity = try identity ?? SandboxIdentity.generate()
        let config = identity.config
        var app = try EmulatedApp(config: config, knownUserIDs: Set(users.keys))
        app.userNames = users
        let emulator = BoxEmulator(configuration: configuration)
        await emulator.register(app)
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("box-auth-sandbox-\(try SecureRandom.hex(byteCount: 6))")
        try FileManager.default.createDirectory(
            at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let baseURL: URL
        do {
            baseURL = listening ? try await emulator.start(host: "127.0.0.1", port: 0) : notListeningURL
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
        let sandbox = EmulatorSandbox(
            folder: folder, emulator: emulator, baseURL: baseURL, config: config,
            profilesURL: folder.appendingPathComponent("profiles.json"))
        do {
            try sandbox.writeFile("box_config.json", config.jsonText().exposedValue)
            try sandbox.writeFile("client_secret.txt", config.clientSecret.exposedValue + "\n")
            try sandbox.writeFile("developer_token.txt", await emulator.issueDeveloperToken(userID: "33333") + "\n")
            try sandbox.writeFile("profiles.json", sandbox.profilesJSON())
        } catch {
            await sandbox.stop()
            throw error
        }
        return sandbox
    }

    /// Writes `contents` to `name` in the folder, mode 0600, replacing any file there atomically.
    /// - Throws: ``FileWriteError`` when the file cannot be written.
    @discardableResult
    public func writeFile(_ name: String, _ contents: String) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try SecureFileWriter.write(contents, to: url)
        return url
    }

    /// Stops the emulator and deletes the folder.
    public func stop() async {
        await emulator.stop()
        try? FileManager.default.removeItem(at: folder)
    }

    private func profilesJSON() -> String {
        let base = baseURL.absoluteString
        let id = config.clientID
        return """
            {
              "defaultProfile": "service",
              "profiles": {
                "service": { "provider": "jwt", "configFile": "box_config.json", "algorithm": "RS512", "baseURL": "\(base)" },
                "automation": { "provider": "client-credentials", "clientID": "\(id)",
                                "clientSecret": { "file": "client_secret.txt" }, "enterpriseID": "\(config.enterpriseID ?? Self.enterpriseID)", "baseURL": "\(base)" },
                "alice": { "provider": "user-access-token", "userID": "33333", "grant": "jwt",
                           "configFile": "box_config.json", "baseURL": "\(base)" },
                "bob": { "provider": "user-access-token", "userID": "44444", "grant": "client-credentials",
                         "clientID": "\(id)", "clientSecret": { "file": "client_secret.txt" }, "baseURL": "\(base)" },
                "dev": { "provider": "developer-token", "token": { "file": "developer_token.txt" }, "baseURL": "\(base)" },
                "me": { "provider": "oauth2", "clientID": "\(id)", "clientSecret": { "file": "client_secret.txt" },
                        "authorizeURL": "\(base)/api/oauth2/authorize", "baseURL": "\(base)" }
              }
            }

            """
    }
}
