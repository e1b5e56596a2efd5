@_spi(Plumbing) import BoxAuth
import BoxAuthClientCredentials
import BoxAuthDeveloperToken
import BoxAuthJWT
import BoxAuthOAuth2
import BoxAuthUserAccessToken
import Foundation
import FuzzDriver

/// The process entry point (see ``LibFuzzerDriver``).
@_cdecl("FuzzProfiles_main")
public func fuzzProfilesMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    LibFuzzerDriver.run(argc, argv, fuzzProfiles)
}

/// libFuzzer entry point: one input is the bytes of a `profiles.json`. Each profile in it is built
/// by a registry of the five built-in providers (the standard registry's, without its PostgreSQL store), with an empty environment, in a scratch folder holding a few
/// unencrypted test keys and a config.json (so `file` and `configFile` references can resolve).
///
/// Every input must end in providers or a ``ConfigurationError`` naming the file; anything else is
/// a finding. Nothing is sent: the transport refuses every request.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzProfiles(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let data = start.map { Data(bytes: $0, count: count) } ?? Data()
    let url = ProfilesScratch.folder.appendingPathComponent("profiles.json")
    let file: ProfilesFile
    do {
        file = try ProfilesFile(json: JSONDocument.parse(data, file: url.path), url: url)
    } catch {
        ProfilesScratch.check(error, file: url.path)
        return 0
    }
    for name in file.profileNames {
        do {
            _ = try ProfilesScratch.registry.profile(name, in: file, environment: [:], transport: ProfilesScratch.NoTransport())
        } catch let error as ConfigurationError {
            ProfilesScratch.check(error, file: nil)
        } catch {
            fatalError("not a ConfigurationError: \(type(of: error)): \(error)")
        }
    }
    return 0
}

enum ProfilesScratch {
    /// The built-in provider kinds (as `AuthProviderRegistry.standard` registers them) and the core's
    /// store kinds, `memory` and `file`.
    static let registry: AuthProviderRegistry = {
        var registry = AuthProviderRegistry()
        let factories: [any AuthProviderFactory] = [
            JWTProviderFactory(), ClientCredentialsProviderFactory(), UserAccessTokenProviderFactory(),
            DeveloperTokenProviderFactory(), OAuth2ProviderFactory(),
        ]
        for factory in factories {
            do { try registry.register(factory) } catch { fatalError("built-in kinds are distinct: \(error)") }
        }
        return registry
    }()

    /// A fresh folder with `Keys/rsa2048-pkcs8.pem`, `Keys/rsa2048-pkcs1.pem`, `Keys/ec-p256-pkcs8.pem`,
    /// `Keys/rsa1024-pkcs8.pem` and `box_config.json` copied from `$BOX_AUTH_FUZZ_FIXTURES`
    /// (`Tests/BoxAuthTestKit/Fixtures`; run.sh sets it), when set.
    static let folder: URL = {
        let manager = FileManager.default
        let folder = manager.temporaryDirectory.appendingPathComponent("box-auth-fuzz-\(getpid())")
        try? manager.createDirectory(at: folder.appendingPathComponent("Keys"), withIntermediateDirectories: true)
        if let fixtures = ProcessInfo.processInfo.environment["BOX_AUTH_FUZZ_FIXTURES"] {
            let source = URL(fileURLWithPath: fixtures)
            for name in ["rsa2048-pkcs8.pem", "rsa2048-pkcs1.pem", "ec-p256-pkcs8.pem", "rsa1024-pkcs8.pem"] {
                try? manager.copyItem(
                    at: source.appendingPathComponent("Keys/\(name)"), to: folder.appendingPathComponent("Keys/\(name)"))
            }
            try? manager.copyItem(
                at: source.appendingPathComponent("Corpus/config/valid-but-unused.json"),
                to: folder.appendingPathComponent("box_config.json"))
        }
        return folder
    }()

    /// Refuses every request: building a provider must not send anything.
    struct NoTransport: HTTPTransport {
        func send(_ request: TransportRequest) async throws -> TransportResponse {
            fatalError("a provider sent a request while being built")
        }
    }

    /// An error is a finding unless it is one paragraph and names a file (`file`, when given).
    static func check(_ error: ConfigurationError, file: String?) {
        let text = error.description
        let plain = !text.unicodeScalars.contains { $0.properties.generalCategory == .control }
        guard plain else { fatalError("not one plain paragraph: \(text)") }
        if let file, error.file != file { fatalError("does not name \(file): \(text)") }
        if error.code != .profileNotFound, error.code != .duplicateProvider, error.file == nil {
            fatalError("names no file: \(text)")
        }
    }
}
