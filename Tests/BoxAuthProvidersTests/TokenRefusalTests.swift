import BoxAuth
import BoxAuthEmulator
import BoxAuthProviders
import BoxAuthTestSupport
import Foundation
import Testing

/// Every refusal the emulator makes reaches the caller as a typed error with Box's `error`,
/// `error_description` and a hint, and no error text holds a secret.
@Suite("Token refusals from the emulator")
struct TokenRefusalTests {
    /// One way to get refused: the profile, the emulator's clock, and what the error must say.
    struct Refusal: Sendable, CustomTestStringConvertible {
        let name: String
        var clockOffset: TimeInterval = 0
        let entry: @Sendable (EmulatorFixture) throws -> String
        let boxError: String
        /// Text Box's `error_description` must contain.
        let describes: String
        /// Text the hint must contain.
        let hint: String
        /// The emulator's rejection counter that must go up.
        let reason: String

        var testDescription: String { name }
    }

    static let refusals: [Refusal] = [
        Refusal(
            name: "client-credentials with a wrong client secret",
            entry: { workspace in
                """
                {"provider": "client-credentials", "clientID": "\(workspace.config.clientID)",
                 "clientSecret": "wrong-secret-value", "enterpriseID": "\(TestIdentity.enterpriseID)"}
                """
            },
            boxError: "invalid_client", describes: "client credentials are invalid", hint: "client secret",
            reason: "invalid_client"),
        Refusal(
            name: "jwt whose config.json has a wrong client secret",
            entry: { workspace in
                var config = workspace.config
                config.clientSecret = Secret("wrong-secret-value")
                try workspace.write(config.jsonText().exposedValue, named: "wrong_config.json")
                return #"{"provider": "jwt", "configFile": "wrong_config.json"}"#
            },
            boxError: "invalid_client", describes: "client credentials are invalid", hint: "client secret",
            reason: "invalid_client"),
        Refusal(
            name: "client-credentials with an unknown client ID",
            entry: { _ in
                #"{"provider": "client-credentials", "clientID": "nobody", "clientSecret": "wrong-secret-value", "enterpriseID": "1"}"#
            },
            boxError: "invalid_client", describes: "client credentials are invalid", hint: "client ID",
            reason: "invalid_client"),
        Refusal(
            name: "jwt for an unknown enterprise",
            entry: { _ in #"{"provider": "jwt", "configFile": "box_config.json", "enterpriseID": "7654321"}"# },
            boxError: "invalid_grant", describes: "'sub'", hint: "enterpriseID", reason: "sub"),
        Refusal(
            name: "client-credentials for an unknown enterprise",
            entry: { workspace in
                """
                {"provider": "client-credentials", "clientID": "\(workspace.config.clientID)",
                 "clientSecret": {"file": "client_secret.txt"}, "enterpriseID": "7654321"}
                """
            },
            boxError: "invalid_grant", describes: "box_subject_id", hint: "enterpriseID", reason: "subject"),
        Refusal(
            name: "user-access-token (jwt) for an unknown user",
            entry: { _ in #"{"provider": "user-access-token", "userID": "55555", "configFile": "box_config.json"}"# },
            boxError: "invalid_grant", describes: "'sub'", hint: "user ID", reason: "sub"),
        Refusal(
            name: "user-access-token (client-credentials) for an unknown user",
            entry: { workspace in
                """
                {"provider": "user-access-token", "userID": "55555", "grant": "client-credentials",
                 "clientID": "\(workspace.config.clientID)", "clientSecret": {"file": "client_secret.txt"}}
                """
            },
            boxError: "invalid_grant", describes: "box_subject_id", hint: "user ID", reason: "subject"),
        Refusal(
            name: "jwt with a publicKeyID the app does not have",
            entry: { workspace in try inlineJWTEntry(workspace, publicKeyID: "not-a-registered-key") },
            boxError: "invalid_grant", describes: "'kid'", hint: "publicKeyID", reason: "kid"),
        Refusal(
            name: "jwt signed with another key under the registered publicKeyID",
            entry: { workspace in
                let other = try TestKeys.other
                try workspace.write(
                    try other.pkcs8PEM(passphrase: workspace.config.passphrase).exposedValue, named: "other_key.pem")
                return try inlineJWTEntry(workspace, privateKeyFile: "other_key.pem")
            },
            boxError: "invalid_grant", describes: "Signature verification", hint: "publicKeyID", reason: "signature"),
        Refusal(
            name: "jwt while the server's clock runs 300 s ahead (exp passed)", clockOffset: 300,
            entry: { _ in #"{"provider": "jwt", "configFile": "box_config.json"}"# },
            boxError: "invalid_grant", describes: "'exp'", hint: "clock", reason: "exp"),
        Refusal(
            name: "jwt while the server's clock runs 300 s behind (exp too far)", clockOffset: -300,
            entry: { _ in #"{"provider": "jwt", "configFile": "box_config.json"}"# },
            boxError: "invalid_grant", describes: "'exp'", hint: "clock", reason: "exp"),
        Refusal(
            name: "user-access-token (jwt) while the server's clock runs 300 s ahead", clockOffset: 300,
            entry: { _ in #"{"provider": "user-access-token", "userID": "33333", "configFile": "box_config.json"}"# },
            boxError: "invalid_grant", describes: "'exp'", hint: "clock", reason: "exp"),
    ]

    /// Without a `Date` header a refused `exp` cannot be corrected for skew, so every refusal here is
    /// final after one request.
    @Test("the refusal surfaces as TokenEndpointError .refused", arguments: refusals)
    func refusal(_ refusal: Refusal) async throws {
        var configuration = BoxEmulator.Configuration()
        configuration.clockOffset = refusal.clockOffset
        try await EmulatorFixture.with(configuration, serverDate: .removed) { workspace in
            let provider = try workspace.profile(try refusal.entry(workspace)).provider

            let error = try await #require(throws: TokenEndpointError.self) { try await provider.accessToken() }
            #expect(error.code == .refused)
            #expect(error.category == .refused)
            #expect(error.status == 400)
            #expect(error.url == workspace.baseURL.absoluteString + "/oauth2/token")
            #expect(error.boxError == refusal.boxError)
            #expect(
                error.boxErrorDescription?.contains(refusal.describes) == true, "\(error.boxErrorDescription ?? "nil")")
            #expect(error.hint?.contains(refusal.hint) == true, "\(error.hint ?? "no hint")")
            #expect("\(error)".contains(refusal.boxError))
            #expect("\(error)".contains(refusal.hint))

            let counters = await workspace.counters
            #expect(counters.tokenRequests == 1)
            #expect(counters.tokensIssued == 0)
            #expect(counters.rejections(for: refusal.reason) == 1)
            try expectNoSecrets(in: error, workspace: workspace)
        }
    }

    @Test(
        "a server clock 300 s off is measured from its Date header and corrected, once",
        arguments: [300.0, -300.0])
    func clockSkewCorrected(offset: TimeInterval) async throws {
        var configuration = BoxEmulator.Configuration()
        configuration.clockOffset = offset
        // The emulator's own Date header follows the system clock, so the transport plays Box's.
        try await EmulatorFixture.with(configuration, serverDate: .offset(offset)) { workspace in
            let provider = try workspace.profile(#"{"provider": "jwt", "configFile": "box_config.json"}"#).provider
            let first = try await provider.accessToken()
            #expect(try await workspace.currentUser(first).id == workspace.serviceAccountID)
            #expect(await workspace.counters.tokenRequests == 2)
            #expect(await workspace.counters.rejections(for: "exp") == 1)

            // Later assertions are dated on the server's clock straight away.
            await provider.invalidate(first)
            _ = try await provider.accessToken()
            #expect(await workspace.counters.tokenRequests == 3)
            #expect(await workspace.counters.rejections(for: "exp") == 1)
        }
    }

    @Test("a Date header that shows no skew does not make a refused exp succeed")
    func clockSkewNotShown() async throws {
        var configuration = BoxEmulator.Configuration()
        configuration.clockOffset = 300
        try await EmulatorFixture.with(configuration, serverDate: .offset(0)) { workspace in
            let provider = try workspace.profile(#"{"provider": "jwt", "configFile": "box_config.json"}"#).provider
            let error = try await #require(throws: TokenEndpointError.self) { try await provider.accessToken() }
            #expect(error.isExpirationRefusal)
            #expect(error.hint?.contains("clock") == true)
            // A measured skew under 2 s cannot explain the refusal: it is final, with no retry.
            #expect(await workspace.counters.tokenRequests == 1)
        }
    }

    @Test("client-credentials is not affected by the server's clock")
    func clientCredentialsIgnoresClock() async throws {
        var configuration = BoxEmulator.Configuration()
        configuration.clockOffset = 300
        try await EmulatorFixture.with(configuration) { workspace in
            let provider = try workspace.profile(
                """
                {"provider": "client-credentials", "clientID": "\(workspace.config.clientID)",
                 "clientSecret": {"file": "client_secret.txt"}, "enterpriseID": "\(TestIdentity.enterpriseID)"}
                """
            ).provider
            _ = try await provider.accessToken()
            #expect(await workspace.counters.tokenRequests == 1)
        }
    }

    @Test("a refusal is not remembered: the next call asks again")
    func refusalNotCached() async throws {
        try await EmulatorFixture.with { workspace in
            let provider = try workspace.profile(
                #"{"provider": "jwt", "configFile": "box_config.json", "enterpriseID": "7654321"}"#
            ).provider
            await #expect(throws: TokenEndpointError.self) { try await provider.accessToken() }
            await #expect(throws: TokenEndpointError.self) { try await provider.accessToken() }
            #expect(await workspace.counters.tokenRequests == 2)
            #expect(await workspace.counters.rejections(for: "sub") == 2)
        }
    }

    @Test("every assertion is new, so none is refused as a replayed jti")
    func freshAssertions() async throws {
        try await EmulatorFixture.with { workspace in
            let provider = try workspace.profile(#"{"provider": "jwt", "configFile": "box_config.json"}"#).provider
            for _ in 0..<3 {
                await provider.invalidate(try await provider.accessToken())
            }
            let assertions = workspace.transport.sentValues(of: "assertion")
            #expect(assertions.count == 3)
            #expect(Set(assertions).count == 3)
            #expect(await workspace.counters.rejections(for: "jti") == 0)
        }
    }

    /// An inline `jwt` entry for the workspace's app, with the parts a test wants changed.
    static func inlineJWTEntry(
        _ workspace: EmulatorFixture, publicKeyID: String? = nil,
        privateKeyFile: String = EmulatorFixture.privateKeyFileName
    ) throws -> String {
        let config = workspace.config
        return """
            {"provider": "jwt", "clientID": "\(config.clientID)", "clientSecret": {"file": "client_secret.txt"},
             "publicKeyID": "\(publicKeyID ?? config.publicKeyID)", "privateKey": {"file": "\(privateKeyFile)"},
             "passphrase": "\(config.passphrase?.exposedValue ?? "")", "enterpriseID": "\(TestIdentity.enterpriseID)"}
            """
    }

    /// Checks that no rendering of `error` holds the client secret, the passphrase, the key or an
    /// assertion that was sent.
    private func expectNoSecrets(in error: some Error, workspace: EmulatorFixture) throws {
        let texts = ["\(error)", String(reflecting: error), error.localizedDescription, dumped(error)]
        var secrets = [workspace.config.clientSecret.exposedValue, "wrong-secret-value"]
        if let passphrase = workspace.config.passphrase?.exposedValue { secrets.append(passphrase) }
        secrets += workspace.transport.sentValues(of: "assertion")
        secrets += workspace.transport.sentValues(of: "assertion").flatMap { $0.split(separator: ".").map(String.init) }
        secrets += workspace.config.privateKey.exposedValue.split(separator: "\n").map(String.init)
            .filter { !$0.hasPrefix("-----") }
        for text in texts {
            for secret in secrets where !secret.isEmpty {
                #expect(!text.contains(secret), "an error text holds a secret")
            }
        }
    }

    private func dumped(_ value: some Any) -> String {
        var text = ""
        dump(value, to: &text)
        return text
    }
}
