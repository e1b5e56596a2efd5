import BoxAuth
import BoxAuthEmulator
import BoxAuthProviders
import BoxAuthTestSupport
import Foundation
import Testing

/// When nothing answers, providers throw ``TransportError`` (category `.unavailable`).
@Suite("Transport failures")
struct TransportFailureTests {
    @Test(
        "connection refused surfaces as TransportError .unavailable",
        arguments: [
            #"{"provider": "jwt", "configFile": "box_config.json", "maxAttempts": 1}"#,
            #"{"provider": "user-access-token", "userID": "33333", "configFile": "box_config.json", "maxAttempts": 1}"#,
        ])
    func connectionRefused(entry: String) async throws {
        try await EmulatorFixture.with(connection: .socket) { workspace in
            // The emulator's port, once it stopped listening: nothing answers there.
            await workspace.emulator.stop()
            let provider = try workspace.profile(entry).provider

            let error = try await #require(throws: TransportError.self) { try await provider.accessToken() }
            #expect(error.category == .unavailable)
            #expect(error.code == .connectionFailed)
            #expect(error.url == workspace.baseURL.absoluteString + "/oauth2/token")
            #expect("\(error)".contains("baseURL"))
            #expect(!"\(error)".contains(workspace.config.clientSecret.exposedValue))
            #expect(workspace.transport.sentForms.count == 1)
        }
    }

    @Test("connection failures are retried up to maxAttempts, each with a new assertion")
    func retried() async throws {
        try await EmulatorFixture.with(connection: .socket) { workspace in
            await workspace.emulator.stop()
            let provider = try workspace.profile(
                #"{"provider": "jwt", "configFile": "box_config.json", "maxAttempts": 3, "retryDeadline": 30}"#
            ).provider
            await #expect(throws: TransportError.self) { try await provider.accessToken() }
            let assertions = workspace.transport.sentValues(of: "assertion")
            #expect(assertions.count == 3)
            #expect(Set(assertions).count == 3)
        }
    }

    @Test("client-credentials to a stopped emulator, then to a running one, recovers")
    func recovers() async throws {
        try await EmulatorFixture.with(connection: .socket) { workspace in
            let entry = """
                {"provider": "client-credentials", "clientID": "\(workspace.config.clientID)", "maxAttempts": 1,
                 "clientSecret": {"file": "client_secret.txt"}, "enterpriseID": "\(TestIdentity.enterpriseID)"}
                """
            let stopped = workspace.baseURL
            await workspace.emulator.stop()
            let failing = try workspace.profile(entry, baseURL: stopped).provider
            await #expect(throws: TransportError.self) { try await failing.accessToken() }

            let restarted = try await workspace.emulator.start(host: "127.0.0.1", port: 0)
            let working = try workspace.profile(entry, baseURL: restarted).provider
            let token = try await working.accessToken()
            #expect(
                try await CurrentUserRequest(baseURL: restarted, transport: SharedTransport.default).user(token: token).id
                    == workspace.serviceAccountID)
            #expect(await workspace.counters.tokenRequests == 1)
        }
    }
}
