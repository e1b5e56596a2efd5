import BoxAuth
import BoxAuthProviders
import BoxAuthTestSupport
import Foundation
import Testing
import BoxAuthEmulator

/// The built-in providers keep the ``AuthProvider`` promises that the public conformance checks
/// (`BoxAuthTesting`) hold custom providers to, against the emulator (which issues a new token per
/// request and counts the requests).
@Suite("Built-in providers keep the AuthProvider contracts")
struct ProviderConformanceTests {
    /// Built-in profiles whose provider fetches tokens from the token endpoint.
    static let fetchingProfiles = [
        #"{"provider": "jwt", "configFile": "box_config.json"}"#,
        #"{"provider": "client-credentials", "clientID": "test-client-id", "clientSecret": {"file": "client_secret.txt"}, "enterpriseID": "1234567"}"#,
    ]

    @Test(
        "jwt and client-credentials",
        arguments: fetchingProfiles, AuthProviderConformance.Contract.allCases)
    func fetchingProvider(profile: String, contract: AuthProviderConformance.Contract) async throws {
        try await EmulatorFixture.with { workspace in
            try await AuthProviderConformance(fetches: { await workspace.counters.tokenRequests }) {
                try workspace.profile(profile).provider
            }
            .check(contract)
        }
    }

    @Test(
        "developer-token (a fixed token: it cannot renew)",
        arguments: [
            AuthProviderConformance.Contract.reusesFreshToken, .singleFlight, .invalidateDropsThatToken,
            .cancellationLeavesProviderUsable,
        ])
    func developerToken(contract: AuthProviderConformance.Contract) async throws {
        try await EmulatorFixture.with { workspace in
            let value = await workspace.emulator.issueDeveloperToken(userID: "33333")
            try await AuthProviderConformance {
                try workspace.profile(#"{"provider": "developer-token", "token": "\#(value)"}"#).provider
            }
            .check(contract)
        }
    }
}
