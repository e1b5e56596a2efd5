import BoxAuth
import BoxAuthEmulator
import Foundation

/// A running emulator with one registered app, and a folder holding its config.json, a secret file
/// and a profiles.json with known secret values (so tests can look for leaks).
struct CLIFixture {
    static let clientSecret = "cli-test-client-secret-7f3a9c"
    static let passphrase = "cli-test-passphrase-41bd02"
    static let enterpriseID = "1234567"

    let folder: URL
    let emulator: BoxEmulator
    let baseURL: URL
    let config: BoxAppConfig

    var profilesPath: String { folder.appendingPathComponent("profiles.json").path }

    /// Every string that must never appear in output.
    var secrets: [String] {
        [Self.clientSecret, Self.passphrase] + config.privateKey.exposedValue.split(separator: "\n")
            .filter { !$0.hasPrefix("-----") }.map(String.init)
    }

    static func start(clientSecret: String = clientSecret) async throws -> CLIFixture {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("box-auth-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let key = try RSAPrivateKey.generate(bits: 2048)
        let config = BoxAppConfig(
            clientID: "cli-test-client", clientSecret: Secret(clientSecret), publicKeyID: "cli-key",
            privateKey: try key.pkcs8PEM(passphrase: Secret(passphrase)), passphrase: Secret(passphrase),
            enterpriseID: enterpriseID)
        let emulator = BoxEmulator()
        await emulator.register(try EmulatedApp(config: config, knownUserIDs: ["33333"]))
        let baseURL = try await emulator.start(host: "127.0.0.1", port: 0)
        let fixture = CLIFixture(folder: folder, emulator: emulator, baseURL: baseURL, config: config)
        try fixture.write(config.jsonText().exposedValue, to: "box_config.json")
        try fixture.write(clientSecret, to: "secret.txt")
        try fixture.writeProfiles(baseURL: baseURL.absoluteString)
        return fixture
    }

    /// Runs `body` with a started fixture and stops it afterwards, whether `body` throws or not.
    static func with(_ body: (CLIFixture) async throws -> Void) async throws {
        let fixture = try await start()
        do {
            try await body(fixture)
        } catch {
            await fixture.stop()
            throw error
        }
        await fixture.stop()
    }

    func writeProfiles(baseURL: String) throws {
        try write(
            """
            { "defaultProfile": "service",
              "profiles": {
                "service": { "provider": "jwt", "configFile": "box_config.json", "baseURL": "\(baseURL)" },
                "automation": { "provider": "client-credentials", "clientID": "cli-test-client",
                                "clientSecret": { "env": "CLI_TEST_SECRET" }, "enterpriseID": "\(Self.enterpriseID)",
                                "baseURL": "\(baseURL)", "asUser": "33333" },
                "alice": { "provider": "user-access-token", "userID": "33333", "grant": "client-credentials",
                           "clientID": "cli-test-client", "clientSecret": { "file": "secret.txt" }, "baseURL": "\(baseURL)" }
              } }
            """, to: "profiles.json")
    }

    func write(_ text: String, to name: String) throws {
        try Data(text.utf8).write(to: folder.appendingPathComponent(name))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: folder.appendingPathComponent(name).path)
    }

    func stop() async {
        await emulator.stop()
        try? FileManager.default.removeItem(at: folder)
    }
}
