@_spi(Plumbing) import BoxAuth
import BoxAuthTestKit
import Foundation
import Testing

@Suite("AuthProviderRegistry")
struct AuthProviderRegistryTests {
    static let file = URL(fileURLWithPath: "/home/me/.config/box-auth/profiles.json")

    /// A profiles file with one profile `service` holding `entry`.
    func profiles(_ entry: [String: JSONValue], more: [String: [String: JSONValue]] = [:]) throws -> ProfilesFile {
        var profiles: [String: JSONValue] = ["service": .object(entry)]
        for (name, members) in more { profiles[name] = .object(members) }
        return try ProfilesFile(json: .object(["profiles": .object(profiles)]), url: Self.file)
    }

    func registry(_ factories: StubProviderFactory...) throws -> AuthProviderRegistry {
        var registry = AuthProviderRegistry(defaultTransport: UnreachableTransport())
        for factory in factories { try registry.register(factory) }
        return registry
    }

    @Test("a registry without a transport says how to get one")
    func noTransport() throws {
        var registry = AuthProviderRegistry()
        try registry.register(StubProviderFactory(kind: "stub"))
        let error = try #require(throws: ConfigurationError.self) {
            try registry.profile(
                "service", in: try profiles(["provider": .string("stub"), "clientSecret": .string("x")]),
                environment: [:])
        }
        #expect(error.code == .noTransport)
        #expect(error.description.contains("AuthProviderRegistry.standard"))
    }

    @Test("a new registry is empty")
    func empty() {
        let registry = AuthProviderRegistry()
        #expect(registry.kinds.isEmpty)
        #expect(registry.factory(for: "jwt") == nil)
    }

    @Test("registered kinds are listed sorted and found by kind")
    func register() throws {
        let registry = try registry(StubProviderFactory(kind: "zeta"), StubProviderFactory(kind: "alpha"))
        #expect(registry.kinds == ["alpha", "zeta"])
        #expect(registry.factory(for: "zeta")?.kind == "zeta")
        #expect(registry.factory(for: "beta") == nil)
    }

    @Test("registering a kind twice throws .duplicateProvider")
    func duplicate() throws {
        var registry = try registry(StubProviderFactory(kind: "command"))
        let error = try #require(throws: ConfigurationError.self) {
            try registry.register(StubProviderFactory(kind: "command", summary: "another"))
        }
        #expect(error.code == .duplicateProvider)
        #expect(error.category == .configuration)
        #expect(error.message.contains("'command'"))
        #expect(registry.kinds == ["command"])
    }

    @Test("a custom factory builds its provider with the profile's settings and options")
    func customProvider() async throws {
        let registry = try registry(StubProviderFactory())
        let file = try profiles([
            "provider": .string("stub"), "clientID": .string("abc"),
            "clientSecret": .object(["env": .string("STUB_SECRET")]),
            "baseURL": .string("http://127.0.0.1:9999"), "refreshMargin": .integer(60), "timeout": .number(2.5),
            "asUser": .string("33333"), "mode": .string("slow"), "enabled": .bool(true),
            "keyFile": .string("keys/k.pem"),
        ])
        let resolved = try registry.profile("service", in: file, environment: ["STUB_SECRET": "from-env"])
        #expect(resolved.name == "service")
        #expect(resolved.kind == "stub")
        #expect(resolved.options.baseURL.absoluteString == "http://127.0.0.1:9999")
        #expect(resolved.options.refreshMargin == 60)
        #expect(resolved.options.timeout == 2.5)
        #expect(resolved.options.asUser == "33333")

        let stub = try #require(resolved.provider as? StubProvider)
        #expect(stub.secret.exposedValue == "from-env")
        #expect(stub.context.options == resolved.options)
        #expect(stub.context.settings.profileName == "service")
        #expect(stub.context.settings.path.description == "profiles.service")
        #expect(stub.context.settings.file == Self.file.path)
        #expect(try stub.context.settings.fileURL("keyFile")?.path == "/home/me/.config/box-auth/keys/k.pem")
        let endpoint = try stub.context.tokenEndpoint()
        #expect(endpoint.url.absoluteString == "http://127.0.0.1:9999/oauth2/token")
        #expect(endpoint.timeout == 2.5)
        #expect(try await resolved.provider.accessToken().value == "stub-token")
    }

    @Test("asUser may be written as a number, like userID and enterpriseID")
    func asUserNumber() throws {
        let registry = try registry(StubProviderFactory())
        let file = try profiles(["provider": .string("stub"), "clientSecret": .string("x"), "asUser": .integer(33333)])
        let options = try registry.profile("service", in: file, environment: [:]).options
        #expect(options.asUser == "33333")
    }

    @Test("the profile is chosen as ProfilesFile.selectProfile chooses it")
    func selection() throws {
        let registry = try registry(StubProviderFactory())
        let entry: [String: JSONValue] = ["provider": .string("stub"), "clientSecret": .string("x")]
        let file = try profiles(entry, more: ["other": entry])
        #expect(try registry.profile(nil, in: file, environment: ["BOX_PROFILE": "other"]).name == "other")
        #expect(try registry.profile("service", in: file, environment: ["BOX_PROFILE": "other"]).name == "service")
        let error = try #require(throws: ConfigurationError.self) {
            try registry.profile(nil, in: file, environment: [:])
        }
        #expect(error.code == .profileNotFound)
    }

    /// A profile entry that the registry refuses, and the error it must raise.
    struct Refusal: Sendable, CustomTestStringConvertible {
        let name: String
        let entry: [String: JSONValue]
        let code: ConfigurationError.Code
        let jsonPath: String
        /// Text the rendered error must contain.
        let says: [String]
        var testDescription: String { name }
    }

    static let secret: JSONValue = .string("s3cret")

    static let refusals: [Refusal] = [
        Refusal(
            name: "missing provider", entry: ["clientSecret": secret], code: .missingValue,
            jsonPath: "profiles.service.provider", says: ["missing 'provider'", "stub"]),
        Refusal(
            name: "provider not a string", entry: ["provider": .integer(1), "clientSecret": secret], code: .wrongType,
            jsonPath: "profiles.service.provider", says: ["expected a string, found a number"]),
        Refusal(
            name: "unknown provider", entry: ["provider": .string("jwtt"), "clientSecret": secret],
            code: .unknownProvider,
            jsonPath: "profiles.service.provider",
            says: ["unknown provider 'jwtt'", "Registered providers: other, stub."]),
        Refusal(
            name: "misspelt setting",
            entry: ["provider": .string("stub"), "clientSecrt": secret], code: .unknownKey,
            jsonPath: "profiles.service.clientSecrt",
            says: ["unknown key 'clientSecrt'", "Did you mean 'clientSecret'?"]),
        Refusal(
            name: "misspelt common setting",
            entry: ["provider": .string("stub"), "clientSecret": secret, "refreshMargn": .integer(5)],
            code: .unknownKey,
            jsonPath: "profiles.service.refreshMargn", says: ["Did you mean 'refreshMargin'?"]),
        Refusal(
            name: "unrelated unknown key",
            entry: ["provider": .string("stub"), "clientSecret": secret, "zzzzzzzz": .integer(5)], code: .unknownKey,
            jsonPath: "profiles.service.zzzzzzzz", says: ["Known keys here:", "clientSecret"]),
        Refusal(
            name: "missing required setting", entry: ["provider": .string("stub")], code: .missingValue,
            jsonPath: "profiles.service.clientSecret", says: ["missing 'clientSecret'"]),
        Refusal(
            name: "secret of the wrong type", entry: ["provider": .string("stub"), "clientSecret": .integer(5)],
            code: .wrongType, jsonPath: "profiles.service.clientSecret", says: ["found a number"]),
        Refusal(
            name: "secret object with an unknown key",
            entry: ["provider": .string("stub"), "clientSecret": .object(["vault": .string("x")])],
            code: .invalidValue, jsonPath: "profiles.service.clientSecret", says: ["'env', 'file' or 'command'"]),
        Refusal(
            name: "string setting given an array",
            entry: ["provider": .string("stub"), "clientSecret": secret, "clientID": .array([])], code: .wrongType,
            jsonPath: "profiles.service.clientID", says: ["expected a string, found an array"]),
        Refusal(
            name: "boolean setting given a string",
            entry: ["provider": .string("stub"), "clientSecret": secret, "enabled": .string("yes")], code: .wrongType,
            jsonPath: "profiles.service.enabled", says: ["expected true or false"]),
        Refusal(
            name: "number setting given a string",
            entry: ["provider": .string("stub"), "clientSecret": secret, "refreshMargin": .string("60")],
            code: .wrongType,
            jsonPath: "profiles.service.refreshMargin", says: ["expected a number, found a string"]),
        Refusal(
            name: "one-of setting given another value",
            entry: ["provider": .string("stub"), "clientSecret": secret, "mode": .string("medium")],
            code: .invalidValue,
            jsonPath: "profiles.service.mode", says: ["'medium' is not allowed", "fast, slow"]),
        Refusal(
            name: "empty string setting",
            entry: ["provider": .string("stub"), "clientSecret": secret, "clientID": .string("")], code: .invalidValue,
            jsonPath: "profiles.service.clientID", says: ["'clientID' is empty"]),
        Refusal(
            name: "non-https baseURL",
            entry: ["provider": .string("stub"), "clientSecret": secret, "baseURL": .string("http://box.example.com")],
            code: .invalidURL, jsonPath: "profiles.service.baseURL", says: ["is not https"]),
        Refusal(
            name: "unset environment variable",
            entry: ["provider": .string("stub"), "clientSecret": .object(["env": .string("UNSET_FOR_TEST")])],
            code: .environmentVariableUnset, jsonPath: "profiles.service.clientSecret", says: ["UNSET_FOR_TEST"]),
    ]

    @Test("a bad profile entry throws a ConfigurationError naming the file and JSON path", arguments: refusals)
    func refusal(_ refusal: Refusal) throws {
        let registry = try registry(StubProviderFactory(), StubProviderFactory(kind: "other"))
        let error = try #require(throws: ConfigurationError.self) {
            try registry.profile("service", in: try profiles(refusal.entry), environment: [:])
        }
        #expect(error.code == refusal.code)
        #expect(error.file == Self.file.path)
        #expect(error.jsonPath == refusal.jsonPath)
        let text = "\(error)"
        #expect(text.hasPrefix("\(Self.file.path): \(refusal.jsonPath): "))
        for words in refusal.says {
            #expect(text.contains(words), "\(text)")
        }
        #expect(!text.contains("s3cret"))
    }

    @Test("a factory's own ConfigurationError reaches the caller")
    func factoryError() throws {
        struct Refusing: AuthProviderFactory {
            let kind = "refusing"
            let summary = "Always refuses."
            let settings: [ProviderSetting] = []
            func makeProvider(context: ProviderContext) throws -> any AuthProvider {
                throw context.settings.invalid("provider", "refused on purpose.")
            }
        }
        var registry = AuthProviderRegistry(defaultTransport: UnreachableTransport())
        try registry.register(Refusing())
        let error = try #require(throws: ConfigurationError.self) {
            try registry.profile(nil, in: try profiles(["provider": .string("refusing")]), environment: [:])
        }
        #expect(error.code == .invalidValue)
        #expect(error.jsonPath == "profiles.service.provider")
    }
}
