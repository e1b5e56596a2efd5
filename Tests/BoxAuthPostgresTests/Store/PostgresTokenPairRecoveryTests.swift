import BoxAuth
import BoxAuthOAuth2
@testable import BoxAuthPostgres
import BoxAuthTestSupport
import Foundation
import Testing
import InMemoryLogging
import Logging
import BoxAuthEmulator

/// A refresh token Box issued is never dropped: when the database refuses the new pair after Box
/// answered, box-auth keeps it and the next process writes it back.
@Suite("PostgresTokenStore keeps a refreshed pair it could not write", .enabled(if: TestDatabase.shouldRun))
struct PostgresTokenPairRecoveryTests {
    @Test(
        "a trigger refuses the write after Box refreshed: the new pair is used and kept; the next process writes it back and refreshes with it, 0 refused"
    )
    func refusedWrite() async throws {
        let fixture = try await PostgresStoreFixture.make()
        try await EmulatorFixture.with { emulator in
            try await TemporaryDirectory.with { folder in
                var options = PostgresStoreFixture.patient
                options.recoveryFolder = folder.url
                let secret = Secret(TestIdentity.clientSecret)
                let store = { try fixture.store(secret: secret, options: options) }
                let signedIn = try await emulator.signedInPair()
                try await store().update { _ in TokenPairUpdate((), change: .replace(signedIn)) }
                try await fixture.database.execute(
                    """
                    CREATE FUNCTION refuse_writes() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN RAISE EXCEPTION 'writes refused by the test'; END $$
                    """)
                try await fixture.database.execute(
                    "CREATE TRIGGER refuse BEFORE UPDATE ON box_auth_tokens FOR EACH ROW EXECUTE FUNCTION refuse_writes()"
                )
                let client = OAuth2Client(
                    appCredentials: AppCredentials(clientID: TestIdentity.clientID, clientSecret: secret),
                    endpoint: try emulator.tokenEndpoint())
                let before = await emulator.counters

                let log = TestLog()
                let first = OAuth2TokenGrant(
                    client: client, store: try store(), profile: "me", logger: log.logger, writeRetries: [.zero])
                let token = try await first.fetchToken()
                #expect(try await emulator.currentUser(token).id == TestIdentity.userID)
                #expect((try await store().load() as TokenPair?)?.refreshToken == signedIn.refreshToken)
                let recovery = try #require(try store().recoveryFile)
                let attributes = try FileManager.default.attributesOfItem(atPath: recovery.path)
                #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
                #expect(log.entries.contains { $0.level == .warning && "\($0.message)".contains("recovery file") })
                #expect(!log.lines.joined().contains(token.value))

                try await fixture.database.execute("DROP TRIGGER refuse ON box_auth_tokens")
                let second = OAuth2TokenGrant(client: client, store: try store(), profile: "me")
                #expect(try await second.fetchToken().value == token.value)
                #expect((try await store().load() as TokenPair?)?.refreshToken != signedIn.refreshToken)
                #expect(!FileManager.default.fileExists(atPath: recovery.path))

                // Due again (on the server's clock): the next refresh spends the recovered refresh token.
                try await fixture.database.execute(
                    "UPDATE box_auth_tokens SET expires_at = clock_timestamp() - interval '10 seconds'")
                let third = OAuth2TokenGrant(client: client, store: try store(), profile: "me")
                let refreshed = try await third.fetchToken()
                #expect(refreshed.value != token.value)
                let after = await emulator.counters
                #expect(after.refreshTokenGrants - before.refreshTokenGrants == 2)
                #expect(after.totalRejections == before.totalRejections)
            }
        }
    }

    @Test("the hold timeout outlasts the longest refresh the profile's retry settings allow")
    func holdTimeoutCoversRefresh() {
        for (timeout, attempts, deadline) in [(30.0, 5, 60.0), (300, 100, 1700), (5, 1, 3600), (0.5, 2, 0.5)] {
            var options = ProfileOptions(timeout: timeout)
            options.retryPolicy.maxAttempts = attempts
            options.retryPolicy.deadline = deadline
            let hold = PostgresTokenStore.Options.requiredHoldTimeout(for: options)
            let refresh = options.retryPolicy.longestFetch(timeout: timeout)
            #expect(hold > .clampedSeconds(2 * refresh), "\(timeout) \(attempts) \(deadline)")
        }
        #expect(PostgresTokenStore.Options().holdTimeout > .seconds(2 * 60))
    }
}
