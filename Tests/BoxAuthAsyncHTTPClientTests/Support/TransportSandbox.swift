import AsyncHTTPClient
import BoxAuth
import BoxAuthAsyncHTTPClient
import BoxAuthEmulator
import BoxAuthTestSupport
import Foundation

/// An emulator on a real loopback socket, an app whose key is the committed test key, and a
/// `profiles.json` with one profile per built-in provider, all read through one
/// `AsyncHTTPClientTransport`.
///
/// ```swift
/// try await TransportSandbox.with { sandbox in
///     let profile = try sandbox.profile("service")
///     _ = try await profile.accessToken()
/// }
/// ```
struct TransportSandbox {
    static let enterpriseID = "1234567"
    static let userIDs: Set<String> = ["33333", "44444"]
    /// The profiles in `profiles.json`, one per built-in provider (and grant of `user-access-token`).
    static let profileNames = ["service", "automation", "alice", "bob", "dev"]

    let folder: URL
    let emulator: BoxEmulator
    let baseURL: URL
    let config: BoxAppConfig
    let client: HTTPClient
    let transport: AsyncHTTPClientTransport

    /// Runs `body` with a fresh sandbox; stops the emulator, shuts the client down and deletes the
    /// folder afterwards, whether `body` throws or not.
    static func with(_ body: (TransportSandbox) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("box-auth-ahc-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(
            at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: AsyncHTTPClientTransport.clientConfiguration)
        let emulator = BoxEmulator()
        do {
            let config = BoxAppConfig(
                clientID: "ahcclient\(try SecureRandom.hex(byteCount: 11))",
                clientSecret: Secret("secret-\(try SecureRandom.hex(byteCount: 16))"), publicKeyID: "test-key-1",
                privateKey: Secret(try Fixtures.text("Keys/rsa2048-pkcs8-pbes2-des3-sha1.pem")),
                passphrase: Secret(Fixtures.passphrase), enterpriseID: enterpriseID)
            try await emulator.register(config: config, knownUserIDs: userIDs)
            let baseURL = try await emulator.start(host: "127.0.0.1", port: 0)
            let sandbox = TransportSandbox(
                folder: folder, emulator: emulator, baseURL: baseURL, config: config, client: client,
                transport: AsyncHTTPClientTransport(client: client))
            try sandbox.write(config.jsonText().exposedValue, named: "box_config.json")
            try sandbox.write(config.clientSecret.exposedValue + "\n", named: "client_secret.txt")
            try sandbox.write(await emulator.issueDeveloperToken(userID: "33333") + "\n", named: "developer_token.txt")
            try sandbox.write(sandbox.profilesJSON(), named: "profiles.json")
            try await body(sandbox)
        } catch {
            await tearDown(emulator: emulator, client: client, folder: folder)
            throw error
        }
        await tearDown(emulator: emulator, client: client, folder: folder)
    }

    private static func tearDown(emulator: BoxEmulator, client: HTTPClient, folder: URL) async {
        await emulator.stop()
        try? await client.shutdown()
        try? FileManager.default.removeItem(at: folder)
    }

    /// The profiles file.
    func profilesFile() throws -> ProfilesFile {
        try ProfilesFile.load(contentsOf: folder.appendingPathComponent("profiles.json"))
    }

    /// Writes `text` to `name` in the folder, mode 0600.
    func write(_ text: String, named name: String) throws {
        let url = folder.appendingPathComponent(name)
        try? FileManager.default.removeItem(at: url)
        guard FileManager.default.createFile(
            atPath: url.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path]) }
    }

    /// `GET /2.0/users/me` with `token`, through the sandbox's transport.
    func usersMeStatus(_ token: AccessToken) async throws -> Int {
        let url = baseURL.appendingPathComponent("2.0").appendingPathComponent("users").appendingPathComponent("me")
        return try await transport.send(
            TransportRequest(method: "GET", url: url, headers: [("Authorization", "Bearer \(token.value)")])
        ).status
    }

    private func profilesJSON() -> String {
        let base = baseURL.absoluteString
        let id = config.clientID
        return """
            {
              "profiles": {
                "service": { "provider": "jwt", "configFile": "box_config.json", "baseURL": "\(base)" },
                "automation": { "provider": "client-credentials", "clientID": "\(id)",
                                "clientSecret": { "file": "client_secret.txt" }, "enterpriseID": "\(Self.enterpriseID)",
                                "baseURL": "\(base)" },
                "alice": { "provider": "user-access-token", "userID": "33333", "grant": "jwt",
                           "configFile": "box_config.json", "baseURL": "\(base)" },
                "bob": { "provider": "user-access-token", "userID": "44444", "grant": "client-credentials",
                         "clientID": "\(id)", "clientSecret": { "file": "client_secret.txt" }, "baseURL": "\(base)" },
                "dev": { "provider": "developer-token", "token": { "file": "developer_token.txt" }, "baseURL": "\(base)" }
              }
            }

            """
    }
}
