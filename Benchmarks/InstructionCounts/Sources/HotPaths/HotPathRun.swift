@_spi(Plumbing) import BoxAuth
import BoxAuthClientCredentials
import BoxAuthJWT
import CCallgrind
import Foundation
import Logging

/// Runs `body` a few times to warm it, then `iterations` times with callgrind counting.
///
/// The counters are reset with a dump (named `warm-up NAME`, which the script ignores), not with
/// CALLGRIND_ZERO_STATS: that resets only the calling thread's, and a task may have run on
/// another worker thread since.
func measure(
    _ name: String, _ iterations: Int, only: Set<String>, _ body: () async throws -> Void
) async throws {
    guard only.isEmpty || only.contains(name) else { return }
    for _ in 0..<3 { try await body() }
    ccallgrind_dump("warm-up \(name)")
    for _ in 0..<iterations { try await body() }
    ccallgrind_dump("\(name) x\(iterations)")
    if ccallgrind_running() == 0 { print("ran \(name) x\(iterations)") }
}

/// The hot paths, each measured by ``measure(_:_:only:_:)``.
enum HotPathRun {
    static func run(fixtures: URL, only: Set<String>) async throws {
        // A profiles file with a JWT profile (the fixture app's PBES2-encrypted key) and a client-credentials one.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hotpaths-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("box_config.json")
        try Data(contentsOf: fixtures.appendingPathComponent("box_config.json")).write(to: config)
        let profilesURL = folder.appendingPathComponent("profiles.json")
        try Data(
            #"""
            {"profiles": {
              "jwt": {"provider": "jwt", "configFile": "box_config.json"},
              "ccg": {"provider": "client-credentials", "clientID": "hotpaths-client", "clientSecret": "hotpaths-secret-value", "enterpriseID": "1234567"}
            }}
            """#.utf8
        ).write(to: profilesURL)
        for file in [config, profilesURL] {
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        }

        var registry = makeRegistry()
        try registry.register(JWTProviderFactory())
        try registry.register(ClientCredentialsProviderFactory())
        let transport = MemoryTransport()
        var logger = Logger(label: "hotpaths")
        logger.logLevel = .error

        let file = try ProfilesFile.load(contentsOf: profilesURL)
        let jwt = try resolve("jwt", in: file, registry: registry, transport: transport, logger: logger)
        let ccg = try resolve("ccg", in: file, registry: registry, transport: transport, logger: logger)
        guard let grant = (jwt.provider as? JWTAuthProvider)?.grant else {
            fatalError("the jwt profile is not a JWTAuthProvider")
        }
        _ = try await jwt.provider.accessToken()

        let appConfig = try BoxAppConfig.load(contentsOf: config)
        let key = try appConfig.loadPrivateKey()
        let signed = Data(repeating: 0x61, count: 600)

        // 1. A cached read: a warm provider's token, expiry checked.
        try await measure("cached-read", 10_000, only: only) { _ = try await jwt.provider.accessToken() }
        let floor = CachedReadFloor()
        try await measure("cached-read-floor", 10_000, only: only) { _ = await floor.read() }
        // 2. Building and signing an assertion (claims, header, JSON, base64url, RS256), with the form's
        //    fields; and, as its floor, one bare signature of an input as long as an assertion's.
        try await measure("assertion", 200, only: only) { _ = try grant.form() }
        try await measure("signature", 200, only: only) { _ = try key.sign(signed, digest: .sha256) }
        // 3. Form encoding, the endpoint's request and response decoding, over a transport answering from memory.
        let form = [
            ("grant_type", "client_credentials"), ("client_id", "hotpaths-client"),
            ("client_secret", "hotpaths-secret-value"), ("box_subject_type", "enterprise"),
            ("box_subject_id", "1234567"),
        ]
        try await measure("endpoint", 2_000, only: only) {
            _ = try await grant.endpoint.requestToken(form: form, logger: logger)
        }
        // 4. A whole refresh through the provider and its cache: JWT (a signature) and client credentials.
        try await measure("refresh-jwt", 200, only: only) {
            let token = try await jwt.provider.accessToken()
            await jwt.provider.invalidate(token)
            _ = try await jwt.provider.accessToken()
        }
        try await measure("refresh-ccg", 2_000, only: only) {
            let token = try await ccg.provider.accessToken()
            await ccg.provider.invalidate(token)
            _ = try await ccg.provider.accessToken()
        }
        // 5. Resolving a profile: reading profiles.json and building the provider; for JWT, with the key's
        //    decryption (PBES2), whose floor is decrypting the key alone.
        try await measure("resolve-ccg", 500, only: only) {
            let file = try ProfilesFile.load(contentsOf: profilesURL)
            _ = try resolve("ccg", in: file, registry: registry, transport: transport, logger: logger)
        }
        try await measure("resolve-jwt", 20, only: only) {
            let file = try ProfilesFile.load(contentsOf: profilesURL)
            _ = try resolve("jwt", in: file, registry: registry, transport: transport, logger: logger)
        }
        try await measure("key-decrypt", 20, only: only) { _ = try appConfig.loadPrivateKey() }
    }
}
