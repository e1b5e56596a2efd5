import BoxAuth
import BoxAuthTestKit
import Foundation
import Testing

@Suite("ProfilesFile.validateAll")
struct ProfilesFileValidationTests {
    @Test("every profile's outcome: valid with its kind, or its error with file and JSON path; warnings per profile")
    func outcomes() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let key = try directory.write("key.pem", "key")
        try FileModes.set(0o644, on: key)
        _ = try FileModes.makeFIFO(at: directory.url.appendingPathComponent("pipe"))
        let profilesURL = try directory.write(
            "profiles.json",
            """
            { "profiles": {
                "good": { "provider": "stub", "clientSecret": "s", "keyFile": "key.pem" },
                "typo": { "provider": "stub", "clientSecret": "s", "mdoe": "fast" },
                "other": { "provider": "nope" },
                "pipe": { "provider": "stub", "clientSecret": {"file": "pipe"} },
                "shared": { "provider": "stub", "clientSecret": "s", "keyFile": "./key.pem" } } }
            """)
        try FileModes.set(0o640, on: profilesURL)
        var registry = AuthProviderRegistry()  // no transport: validation sends nothing and needs none
        try registry.register(StubProviderFactory())

        let validation = try ProfilesFile.load(contentsOf: profilesURL).validateAll(
            registry: registry, environment: [:])
        #expect(validation.file == profilesURL)
        #expect(validation.profiles.map(\.name) == ["good", "other", "pipe", "shared", "typo"])
        #expect(validation.profiles.map(\.kind) == ["stub", "nope", "stub", "stub", "stub"])
        #expect(validation.profiles.map(\.isValid) == [true, false, false, true, false])
        #expect(validation.problemCount == 3)
        #expect(!validation.isValid)

        let errors = validation.profiles.compactMap(\.configurationError)
        #expect(errors.map(\.code) == [.unknownProvider, .notRegularFile, .unknownKey])
        #expect(errors.allSatisfy { $0.file == profilesURL.path })
        #expect(
            errors.map(\.jsonPath) == ["profiles.other.provider", "profiles.pipe.clientSecret", "profiles.typo.mdoe"])

        #expect(validation.fileWarning?.file == profilesURL)
        #expect(validation.profiles[0].warnings.map(\.jsonPath) == ["profiles.good.keyFile"])
        #expect(validation.profiles[3].warnings.map(\.jsonPath) == ["profiles.shared.keyFile"])
        #expect(validation.profiles[2].warnings.isEmpty, "a FIFO draws an error, not a warning")
        // Each file once, the profiles file first.
        #expect(validation.warnings.map(\.file.path) == [profilesURL.path, key.path])
    }

    @Test("a file whose profiles all resolve is valid and has no warnings when its files are 0600")
    func allValid() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let profilesURL = try directory.write(
            "profiles.json", #"{ "profiles": { "a": { "provider": "stub", "clientSecret": {"env": "S"} } } }"#)
        try FileModes.set(0o600, on: profilesURL)
        var registry = AuthProviderRegistry()
        try registry.register(StubProviderFactory())
        let validation = try ProfilesFile.load(contentsOf: profilesURL).validateAll(
            registry: registry, environment: ["S": "x"])
        #expect(validation.isValid)
        #expect(validation.problemCount == 0)
        #expect(validation.warnings.isEmpty)
        #expect(validation.profiles.first?.error == nil)
    }
}
