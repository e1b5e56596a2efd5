@testable import BoxAuth
import BoxAuthTestKit
import Foundation
import Testing

/// Where `box-auth login --store` records the store a profile's sign-in went to.
@Suite("SignInStoreChoice")
struct SignInStoreChoiceTests {
    static func choice(_ folder: TemporaryDirectory, profile: String = "me") -> SignInStoreChoice {
        SignInStoreChoice(
            profile: profile, baseURL: URL(string: "https://api.box.com")!,
            environment: ["XDG_STATE_HOME": folder.url.path])
    }

    @Test("record, load, remove; the file is 0600 and names the kind only; profiles are apart")
    func roundTrip() async throws {
        try await TemporaryDirectory.with { folder in
            let choice = Self.choice(folder)
            #expect(try choice.load() == nil)
            try choice.record("keyring")
            #expect(try choice.load() == "keyring")
            #expect(try Self.choice(folder, profile: "other").load() == nil)
            let mode = try FileManager.default.attributesOfItem(atPath: choice.url.path)[.posixPermissions] as? Int
            #expect(mode == 0o600)
            #expect(try String(contentsOf: choice.url, encoding: .utf8) == #"{"store":"keyring"}"#)
            choice.remove()
            #expect(try choice.load() == nil)
        }
    }

    @Test("a choice file others may write is refused, naming it")
    func othersWritable() async throws {
        try await TemporaryDirectory.with { folder in
            let choice = Self.choice(folder)
            try choice.record("keyring")
            try FileManager.default.setAttributes([.posixPermissions: 0o666], ofItemAtPath: choice.url.path)
            let error = try #require(throws: ConfigurationError.self) { try choice.load() }
            #expect(error.description.contains(choice.url.lastPathComponent))
        }
    }

    @Test("what is not a choice reads as none")
    func garbage() async throws {
        try await TemporaryDirectory.with { folder in
            let choice = Self.choice(folder)
            try choice.record("keyring")
            try Data("{not json".utf8).write(to: choice.url)
            #expect(try choice.load() == nil)
        }
    }
}
