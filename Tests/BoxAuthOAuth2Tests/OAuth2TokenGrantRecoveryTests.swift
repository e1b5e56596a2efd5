import BoxAuth
import BoxAuthOAuth2
import BoxAuthTestSupport
import Foundation
import Synchronization
import Testing
import InMemoryLogging
import Logging
import BoxAuthEmulator

/// A refresh token Box issued is never dropped: when the pair file cannot take the new pair (disk
/// full, a read-only folder), box-auth keeps using it, leaves it in a 0600 recovery file, and the
/// next process writes it back and refreshes with it.
@Suite("OAuth2TokenGrant keeps a refreshed pair its store could not write")
struct OAuth2TokenGrantRecoveryTests {
    static func client(_ emulator: EmulatorFixture) throws -> OAuth2Client {
        OAuth2Client(
            appCredentials: AppCredentials(
                clientID: TestIdentity.clientID, clientSecret: Secret(TestIdentity.clientSecret)),
            endpoint: try emulator.tokenEndpoint())
    }

    @Test(
        "the pair file's write fails after Box refreshed: same token in this process, recovered by the next, whose refresh succeeds with 0 refused"
    )
    func failedWrite() async throws {
        try await EmulatorFixture.with { emulator in
            try await TemporaryDirectory.with { directory in
                let file = FileTokenPairStore(directory: directory.url, key: ["https://api.box.com", "client", "me"])
                let signedIn = try await emulator.signedInPair()
                try await file.update { _ in TokenPairUpdate((), change: .replace(signedIn)) }
                let client = try Self.client(emulator)
                let before = await emulator.counters

                let log = TestLog()
                let failing = FailingWriteStore(file)
                let first = OAuth2TokenGrant(
                    client: client, store: failing, profile: "me", logger: log.logger, writeRetries: [.zero])
                let token = try await first.fetchToken()
                #expect(try await emulator.currentUser(token).id == TestIdentity.userID)
                #expect(failing.refusedWrites == 2)  // the write, and its one new try
                #expect(try await file.load()?.refreshToken == signedIn.refreshToken)
                let recovery = try #require(file.recoveryFile)
                let attributes = try FileManager.default.attributesOfItem(atPath: recovery.path)
                #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
                #expect(log.entries.filter { $0.level == .warning }.count == 1)
                #expect(!log.lines.joined().contains(token.value))
                // The same process keeps using the new pair; it does not refresh again.
                #expect(try await first.fetchToken().value == token.value)

                let second = OAuth2TokenGrant(client: client, store: file, profile: "me")
                #expect(try await second.fetchToken().value == token.value)
                #expect(try await file.load()?.accessToken.value == token.value)
                #expect(!FileManager.default.fileExists(atPath: recovery.path))

                // Due again: the next refresh spends the recovered refresh token, and Box takes it.
                try await file.update { current in
                    guard var pair = current else { return TokenPairUpdate((), change: .keep) }
                    pair.accessToken = AccessToken(
                        value: pair.accessToken.value, expiresAt: Date().addingTimeInterval(-10),
                        receivedAt: Date().addingTimeInterval(-3610))
                    return TokenPairUpdate((), change: .replace(pair))
                }
                let third = OAuth2TokenGrant(client: client, store: file, profile: "me")
                #expect(try await third.fetchToken().value != token.value)
                let after = await emulator.counters
                #expect(after.refreshTokenGrants - before.refreshTokenGrants == 2)
                #expect(after.totalRejections == before.totalRejections)
            }
        }
    }

    @Test("a sign-out forgets the recovered pair")
    func signOutForgets() async throws {
        try await EmulatorFixture.with { emulator in
            try await TemporaryDirectory.with { directory in
                let file = FileTokenPairStore(directory: directory.url, key: ["me"])
                try await file.update { _ in TokenPairUpdate((), change: .replace(try await emulator.signedInPair())) }
                let failing = FailingWriteStore(file)
                let provider = OAuth2AuthProvider(client: try Self.client(emulator), store: failing, profile: "me")
                _ = try await provider.grant.fetchToken()
                let recovery = try #require(file.recoveryFile)
                #expect(FileManager.default.fileExists(atPath: recovery.path))
                failing.allowWrites()
                _ = try? await provider.signOut()
                #expect(!FileManager.default.fileExists(atPath: recovery.path))
                #expect(try await file.load() == nil)
            }
        }
    }
}

/// A pair store whose writes of a new pair fail (as a full disk would) until ``allowWrites()``:
/// the real store's lock and reads, a failing write.
final class FailingWriteStore: TokenPairStore {
    struct WriteRefused: Error {}

    let inner: FileTokenPairStore
    private let state = Mutex((failing: true, refused: 0))

    init(_ inner: FileTokenPairStore) { self.inner = inner }

    var refusedWrites: Int { state.withLock { $0.refused } }
    var recoveryFile: URL? { inner.recoveryFile }

    func allowWrites() { state.withLock { $0.failing = false } }

    func load() async throws -> TokenPair? { try await inner.load() }

    func update<Result: Sendable>(
        _ body: (TokenPair?) async throws -> TokenPairUpdate<Result>
    ) async throws -> Result {
        try await inner.update { current in
            let update = try await body(current)
            if case .replace = update.change {
                let refuse = state.withLock { state in
                    if state.failing { state.refused += 1 }
                    return state.failing
                }
                if refuse { throw WriteRefused() }
            }
            return update
        }
    }
}
