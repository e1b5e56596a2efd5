@_spi(Plumbing) import BoxAuth
import BoxAuthProviders
import BoxAuthTestSupport
import Foundation
import Logging

/// A one-profile profiles file held in memory whose folder is a temporary one (relative paths in
/// the entry point there), resolved with the standard registry: how these tests build `broker`
/// providers.
struct BrokerProfile {
    /// The folder the profiles file is in.
    let folder: TemporaryDirectory

    /// Where the profiles file would be (errors name it).
    var profilesPath: String { folder.url.appendingPathComponent("profiles.json").path }

    /// Writes `contents` to `name` in the folder with `mode` (0600 unless told) and returns its path.
    @discardableResult
    func writeFile(_ name: String, _ contents: String, mode: Int = 0o600) throws -> String {
        let url = try folder.write(name, contents)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: url.path)
        return url.path
    }

    /// Resolves the profile `test` whose entry is the JSON object `entry`.
    func resolve(
        _ entry: String, transport: any HTTPTransport = UnreachableTransport(),
        logger: Logger = TestLog(level: .critical).logger
    ) throws -> ResolvedProfile {
        let members = try JSONDecoder().decode(JSONValue.self, from: Data(entry.utf8))
        let root: JSONValue = .object(["version": .integer(1), "profiles": .object(["test": members])])
        let file = try ProfilesFile(json: root, url: URL(fileURLWithPath: profilesPath))
        return try AuthProviderRegistry.standard.profile(
            "test", in: file, environment: [:], transport: transport, logger: logger)
    }

    /// Runs `body` with a profile helper over a new temporary folder, removed afterwards.
    static func with<Result>(_ body: (BrokerProfile) async throws -> Result) async throws -> Result {
        try await TemporaryDirectory.with { folder in try await body(BrokerProfile(folder: folder)) }
    }
}

extension TransportResponse {
    /// The broker's token answer for `accessToken`, expiring `expiresIn` seconds from now.
    static func brokerToken(_ accessToken: String, expiresIn: TimeInterval = 3600) -> TransportResponse {
        let expiresAt = ISO8601DateFormatter().string(from: Date().addingTimeInterval(expiresIn))
        return .json(
            200,
            #"{"access_token": "\#(accessToken)", "token_type": "bearer", "expires_at": "\#(expiresAt)", "expires_in": \#(Int(expiresIn))}"#
        )
    }

    /// The broker's error answer.
    static func brokerError(_ status: Int, _ error: String, _ message: String) -> TransportResponse {
        .json(status, #"{"error": "\#(error)", "message": "\#(message)"}"#)
    }
}
