import BoxAuth
import BoxAuthKeyring
import BoxAuthProviders
import BoxAuthTestSupport
import Foundation
import Testing

/// `"cache": "keyring"` in a profiles file: registered, checked, and used end to end.
@Suite("KeyringStoreFactory")
struct KeyringStoreFactoryTests {
    static var registry: AuthProviderRegistry {
        get throws {
            var registry = AuthProviderRegistry.standard
            try registry.register(store: KeyringStoreFactory())
            return registry
        }
    }

    static func profiles(_ extra: String) -> String {
        """
        { "profiles": { "dev": { "provider": "developer-token", "token": "dev-token-value",
                                 "cache": "keyring"\(extra) } } }
        """
    }

    @Test("keyringTimeout out of range: an error naming the file, the JSON path and the range")
    func timeoutRange() async throws {
        try await TemporaryDirectory.with { folder in
            let file = try folder.write("profiles.json", Self.profiles(#", "keyringTimeout": 0"#))
            let error = try #require(throws: ConfigurationError.self) {
                try Self.registry.profile("dev", in: try ProfilesFile.load(contentsOf: file), environment: [:])
            }
            #expect(error.description.contains("profiles.json"))
            #expect(error.description.contains("profiles.dev.keyringTimeout"))
            #expect(error.description.contains("more than 0"))
        }
    }

    @Test("without the factory registered, \"cache\": \"keyring\" says which product brings it and how to register it")
    func unregistered() async throws {
        try await TemporaryDirectory.with { folder in
            let file = try folder.write("profiles.json", Self.profiles(""))
            let error = try #require(throws: ConfigurationError.self) {
                try AuthProviderRegistry.standard.profile("dev", in: try ProfilesFile.load(contentsOf: file), environment: [:])
            }
            #expect(error.description.contains("profiles.dev.cache"))
            #expect(error.description.contains("try registry.register(store: KeyringStoreFactory())"))
        }
    }
}
