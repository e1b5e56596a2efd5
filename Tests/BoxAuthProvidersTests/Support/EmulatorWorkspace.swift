import BoxAuth
import BoxAuthEmulator
import BoxAuthProviders
import Foundation

/// A temporary folder with a freshly generated app (key pair, `box_config.json`, client secret
/// file), a running emulator that knows the app, and helpers to write `profiles.json` and build
/// providers from it over real HTTP.
///
/// ```swift
/// let workspace = try await EmulatorWorkspace.start()
/// defer { Task { await workspace.tearDown() } }   // or `await workspace.tearDown()` at the end
/// let profile = try workspace.provider(entries: ["service": #"{"provider": "jwt", "configFile": "box_config.json"}"#])
/// ```
struct EmulatorWorkspace {
    /// The enterprise the app is authorized in.
    static let enterpriseID = "1234567"
    /// The users the app may get user tokens for.
    static let knownUserIDs: Set<String> = ["33333", "44444"]
    /// The key ID the app's public key is registered under.
    static let publicKeyID = "test-key-1"
    /// The config file's name inside ``folder``.
    static let configFileName = "box_config.json"
    /// The private key file's name inside ``folder`` (the encrypted PEM alone).
    static let privateKeyFileName = "private_key.pem"
    /// The client secret file's name inside ``folder``.
    static let clientSecretFileName = "client_secret.txt"

    let folder: URL
    let emulator: BoxEmulator
    let baseURL: URL
    /// The app as written to `box_config.json` (holds the secrets the tests look for in errors).
    let config: BoxAppConfig
    /// Records every request providers send, then sends it over HTTP.
    let transport: RecordingTransport

    /// Creates the folder and files, registers the app and starts the emulator on an ephemeral
    /// loopback port. Call ``tearDown()`` at the end of the test.
    /// - Parameter serverDate: What the recording transport does with responses' `Date` header.
    static func start(
        configuration: BoxEmulator.Configuration = .init(), serverDate: RecordingTransport.ServerDate = .asSent
    ) async throws -> EmulatorWorkspace {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("box-auth-provider-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let passphrase = Secret("pass-\(try SecureRandom.hex(byteCount: 12))")
        let key = try RSAPrivateKey.generate(bits: 2048)
        let config = BoxAppConfig(
            clientID: "client\(try SecureRandom.hex(byteCount: 13))",
            clientSecret: Secret("secret-\(try SecureRandom.hex(byteCount: 16))"),
            publicKeyID: publicKeyID, privateKey: try key.pkcs8PEM(passphrase: passphrase), passphrase: passphrase,
            enterpriseID: enterpriseID)
        try write(config.jsonText().exposedValue, to: folder.appendingPathComponent(configFileName))
        try write(config.privateKey.exposedValue, to: folder.appendingPathComponent(privateKeyFileName))
        try write(config.clientSecret.exposedValue + "\n", to: folder.appendingPathComponent(clientSecretFileName))

        let emulator = BoxEmulator(configuration: configuration)
        try await emulator.register(config: config, knownUserIDs: knownUserIDs)
        let baseURL = try await emulator.start(host: "127.0.0.1", port: 0)
        return EmulatorWorkspace(
            folder: folder, emulator: emulator, baseURL: baseURL, config: config,
            transport: RecordingTransport(serverDate: serverDate))
    }

    /// Stops the emulator and deletes the folder.
    func tearDown() async {
        await emulator.stop()
        try? FileManager.default.removeItem(at: folder)
    }

    /// Writes `profiles.json` with `entries` (profile name to the entry's JSON text); every entry
    /// without a `baseURL` gets the emulator's.
    @discardableResult
    func writeProfiles(
        _ entries: [String: String], defaultProfile: String? = nil, baseURL: URL? = nil
    ) throws -> ProfilesFile {
        var profiles: [String: JSONValue] = [:]
        for (name, text) in entries {
            var members = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)).objectValue ?? [:]
            if members["baseURL"] == nil { members["baseURL"] = .string((baseURL ?? self.baseURL).absoluteString) }
            profiles[name] = .object(members)
        }
        var root: [String: JSONValue] = ["version": .integer(1), "profiles": .object(profiles)]
        if let defaultProfile { root["defaultProfile"] = .string(defaultProfile) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let url = folder.appendingPathComponent("profiles.json")
        try Self.write(String(decoding: try encoder.encode(JSONValue.object(root)), as: UTF8.self), to: url)
        return try ProfilesFile.load(contentsOf: url)
    }

    /// Writes a one-profile `profiles.json` and builds its provider with the standard registry.
    func provider(
        _ entry: String, environment: [String: String] = [:], baseURL: URL? = nil
    ) throws -> ResolvedProfile {
        let file = try writeProfiles(["test": entry], baseURL: baseURL)
        return try AuthProviderRegistry.standard.profile("test", in: file, environment: environment, transport: transport)
    }

    /// Writes `text` to `name` inside the folder.
    func write(_ text: String, named name: String) throws {
        try Self.write(text, to: folder.appendingPathComponent(name))
    }

    /// What the emulator's token endpoint has seen so far.
    var counters: EmulatorCounters {
        get async { await emulator.counters }
    }

    /// The user `/2.0/users/me` shows for `token`.
    func currentUser(_ token: AccessToken) async throws -> UsersMe.User {
        try await UsersMe(baseURL: baseURL).send(token: token)
    }

    /// The service account's user ID, which `/2.0/users/me` shows for enterprise tokens.
    var serviceAccountID: String { EmulatedApp.derivedServiceAccountID(clientID: config.clientID) }

    private static func write(_ text: String, to url: URL) throws {
        guard FileManager.default.createFile(
            atPath: url.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path]) }
    }
}

extension EmulatorWorkspace {
    /// Runs `body` with a fresh workspace and tears it down afterwards, whether `body` throws or not.
    static func with<Result>(
        configuration: BoxEmulator.Configuration = .init(), serverDate: RecordingTransport.ServerDate = .asSent,
        _ body: (EmulatorWorkspace) async throws -> Result
    ) async throws -> Result {
        let workspace = try await start(configuration: configuration, serverDate: serverDate)
        do {
            let result = try await body(workspace)
            await workspace.tearDown()
            return result
        } catch {
            await workspace.tearDown()
            throw error
        }
    }
}
