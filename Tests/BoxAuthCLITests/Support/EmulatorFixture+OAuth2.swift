import BoxAuth
import BoxAuthEmulator
import BoxAuthTestSupport
import BoxAuthURLSession
import Foundation

/// What the sign-in tests add to the fixture: an `oauth2` profile `me` pointed at the emulator's
/// consent page, its own state folder, and a scripted `box-auth login`.
extension EmulatorFixture {
    /// Writes profiles.json with the `oauth2` profile `me`, and returns the environment that keeps
    /// its tokens in `stateFolder` (its own per test, so tests run in parallel).
    /// `extraSettings` (`, "name": value` pairs) are added to the profile.
    func writeOAuth2Profile(stateFolder name: String = "state", extraSettings: String = "") throws -> [String: String] {
        let base = baseURL.absoluteString
        try write(
            """
            { "defaultProfile": "me",
              "profiles": {
                "me": { "provider": "oauth2", "clientID": "\(TestIdentity.clientID)",
                        "clientSecret": { "env": "CLI_TEST_SECRET" }, "baseURL": "\(base)",
                        "authorizeURL": "\(base)/api/oauth2/authorize",
                        "cacheLockTimeout": 300\(extraSettings) } } }
            """, named: "profiles.json")
        return oauth2Environment(stateFolder: name)
    }

    /// The environment of a machine whose tokens live in `stateFolder`.
    func oauth2Environment(stateFolder name: String) -> [String: String] {
        ["CLI_TEST_SECRET": TestIdentity.clientSecret, "XDG_STATE_HOME": folder.appendingPathComponent(name).path]
    }

    /// The stored pair file(s) of a state folder.
    func pairFiles(stateFolder name: String = "state") throws -> [URL] {
        let folder = folder.appendingPathComponent(name).appendingPathComponent("box-auth")
        guard FileManager.default.fileExists(atPath: folder.path) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasPrefix("oauth2-") && $0.hasSuffix(".json") }
            .map { folder.appendingPathComponent($0) }
    }

    /// The refresh token stored in a state folder (to check it never shows up anywhere).
    func storedRefreshToken(stateFolder name: String = "state") throws -> String? {
        guard let file = try pairFiles(stateFolder: name).first else { return nil }
        let object = try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: file)).objectValue
        return object?["refreshToken"]?.stringValue
    }

    /// Makes the stored access token of a state folder look expired to the client (as if an hour
    /// passed), leaving the refresh token as it is: the next `box-auth token` must refresh.
    func expireStoredAccessToken(stateFolder name: String = "state") throws {
        guard let file = try pairFiles(stateFolder: name).first,
            case .object(var object) = try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: file))
        else { throw LoginScriptFailure(description: "no stored pair in \(name)") }
        let now = Date().timeIntervalSince1970
        object["expiresAt"] = .number(now - 10)
        object["receivedAt"] = .number(now - 3610)
        try JSONEncoder().encode(JSONValue.object(object)).write(to: file)
    }

    /// Starts `box-auth login --no-browser` and returns it with the authorization address it printed.
    func startLogin(
        environment: [String: String], extraArguments: [String] = []
    ) async throws -> (login: RunningProduct, address: URL) {
        let login = try RunningProduct.start(
            ["login", "--profiles", profilesPath, "--profile", "me", "--no-browser", "--timeout", "300"]
                + extraArguments, environment: environment)
        guard
            let line = try await login.stderrLine(where: {
                $0.hasPrefix("http") && $0.contains("/api/oauth2/authorize")
            }),
            let address = URL(string: line)
        else {
            login.terminate()
            let result = await login.result()
            throw LoginScriptFailure(description: "login printed no address: \(result.stderr)")
        }
        return (login, address)
    }

    /// Signs in as `userID` through a scripted login: consent at the emulator's page, then the
    /// browser's request to the CLI's callback. Returns the login's result and the page it showed.
    func signIn(
        as userID: String = TestIdentity.userID, environment: [String: String], extraArguments: [String] = []
    ) async throws -> (result: ProductProcess.Result, page: TransportResponse) {
        let (login, address) = try await startLogin(environment: environment, extraArguments: extraArguments)
        let callback = try await EmulatedUserAgent(transport: URLSessionTransport()).consent(to: address, as: userID)
        let page = try await URLSessionTransport().send(TransportRequest(method: "GET", url: callback, timeout: 60))
        return (await login.result(), page)
    }
}

/// A scripted login that did not get as far as the test needed.
struct LoginScriptFailure: Error, CustomStringConvertible {
    let description: String
}
