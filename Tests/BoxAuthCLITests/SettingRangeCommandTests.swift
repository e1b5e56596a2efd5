import BoxAuth
import BoxAuthTestSupport
import Foundation
import Testing
import BoxAuthEmulator

/// Numbers from profiles.json are range-checked before they become durations or counts: a huge
/// value is exit 2 naming the setting and its range, not a crash (SIGILL on a Duration overflow).
@Suite("box-auth token with numbers out of range")
struct SettingRangeCommandTests {
    @Test(
        "a setting out of its range exits 2 naming its JSON path and range",
        arguments: [
            ("retryDeadline", "1e300", "more than 0 and at most 3600 seconds"),
            ("timeout", "1e300", "more than 0 and at most 300 seconds"),
            ("cacheLockTimeout", "-1", "more than 0 and at most 3600 seconds"),
            ("maxAttempts", "2.5", "a whole number from 1 to 100"),
        ])
    func outOfRange(key: String, value: String, range: String) async throws {
        try await EmulatorFixture.withCLI { fixture in
            try fixture.write(
                """
                { "profiles": { "ccg": { "provider": "client-credentials", "clientID": "\(TestIdentity.clientID)",
                                         "clientSecret": { "env": "CLI_TEST_SECRET" }, "enterpriseID": "\(TestIdentity.enterpriseID)",
                                         "baseURL": "\(fixture.baseURL.absoluteString)", "\(key)": \(value) } } }
                """, named: "profiles.json")
            let result = try await ProductProcess.boxAuth(
                ["token", "--profiles", fixture.profilesPath],
                environment: ["CLI_TEST_SECRET": TestIdentity.clientSecret])
            #expect(result.status == 2, "\(result.stderr)")
            #expect(result.stderr.contains("profiles.ccg.\(key)"), "\(result.stderr)")
            #expect(result.stderr.contains(range), "\(result.stderr)")
            #expect(await fixture.emulator.counters.tokenRequests == 0)
        }
    }
}
