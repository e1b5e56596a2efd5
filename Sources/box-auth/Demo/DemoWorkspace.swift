import BoxAuthEmulator
import BoxAuthProviders
import Foundation
import Logging

/// Everything `box-auth demo` sets up: a running emulator, a fresh key pair, a Box-style
/// config.json and a profiles.json with one profile per built-in provider, in a temporary folder.
struct DemoWorkspace {
    static let enterpriseID = "1234567"
    static let users = ["33333": "Alice Demo", "44444": "Bob Demo"]
    /// The profiles in the order the demo runs them.
    static let profileOrder = ["service", "automation", "alice", "bob", "dev"]

    let folder: URL
    let emulator: BoxEmulator
    let baseURL: URL
    let profilesURL: URL

    /// Creates the folder and files, and starts the emulator on an ephemeral loopback port.
    static func create(logger: Logger) async throws -> DemoWorkspace {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("box-auth-demo-\(try SecureRandom.hex(byteCount: 6))")
        try FileManager.default.createDirectory(
            at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let passphrase = Secret(try SecureRandom.hex(byteCount: 16))
        let key = try RSAPrivateKey.generate(bits: 2048)
        let config = BoxAppConfig(
            clientID: "demo\(try SecureRandom.hex(byteCount: 14))", clientSecret: Secret(try SecureRandom.hex(byteCount: 16)),
            publicKeyID: "demo-key-1", privateKey: try key.pkcs8PEM(passphrase: passphrase), passphrase: passphrase,
            enterpriseID: enterpriseID)
        try SecureFile.write(config.jsonText().exposedValue, to: folder.appendingPathComponent("box_config.json"))
        try SecureFile.write(config.clientSecret.exposedValue + "\n", to: folder.appendingPathComponent("client_secret.txt"))

        var configuration = BoxEmulator.Configuration()
        configuration.logger = logger
        let emulator = BoxEmulator(configuration: configuration)
        var app = try EmulatedApp(config: config, knownUserIDs: Set(users.keys))
        app.userNames = users
        await emulator.register(app)
        let baseURL = try await emulator.start(host: "127.0.0.1", port: 0)
        let developerToken = await emulator.issueDeveloperToken(userID: "33333")
        try SecureFile.write(developerToken + "\n", to: folder.appendingPathComponent("developer_token.txt"))

        let profilesURL = folder.appendingPathComponent("profiles.json")
        try SecureFile.write(profilesJSON(baseURL: baseURL, clientID: config.clientID), to: profilesURL)
        return DemoWorkspace(folder: folder, emulator: emulator, baseURL: baseURL, profilesURL: profilesURL)
    }

    /// Stops the emulator and deletes the folder.
    func tearDown() async {
        await emulator.stop()
        try? FileManager.default.removeItem(at: folder)
    }

    private static func profilesJSON(baseURL: URL, clientID: String) -> String {
        let base = baseURL.absoluteString
        return """
            {
              "defaultProfile": "service",
              "profiles": {
                "service": { "provider": "jwt", "configFile": "box_config.json", "algorithm": "RS512", "baseURL": "\(base)" },
                "automation": { "provider": "client-credentials", "clientID": "\(clientID)",
                                "clientSecret": { "file": "client_secret.txt" }, "enterpriseID": "\(enterpriseID)", "baseURL": "\(base)" },
                "alice": { "provider": "user-access-token", "userID": "33333", "grant": "jwt",
                           "configFile": "box_config.json", "baseURL": "\(base)" },
                "bob": { "provider": "user-access-token", "userID": "44444", "grant": "client-credentials",
                         "clientID": "\(clientID)", "clientSecret": { "file": "client_secret.txt" }, "baseURL": "\(base)" },
                "dev": { "provider": "developer-token", "token": { "file": "developer_token.txt" }, "baseURL": "\(base)" }
              }
            }

            """
    }
}
