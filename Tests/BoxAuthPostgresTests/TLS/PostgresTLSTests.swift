import BoxAuth
import BoxAuthPostgres
import BoxAuthTestSupport
import Foundation
import Logging
import PostgresNIO
import Testing
import InMemoryLogging

/// `sslmode` and `sslrootcert` against a real TLS server: the cluster `scripts/postgres-cluster.sh`
/// starts, whose certificate (for `localhost` and `127.0.0.1`) a throwaway CA signed.
@Suite("PostgresCacheURL's sslmode against a TLS server", .enabled(if: TestDatabase.shouldRunTLS))
struct PostgresTLSTests {
    @Test(
        "connects encrypted, and stores on it share one token",
        arguments: [
            // The certificate is not checked at all.
            TLSEndpoint(host: "127.0.0.1", mode: "require", roots: .system),
            TLSEndpoint(host: "127.0.0.2", mode: "require", roots: .system),
            // The host name matches the certificate's DNS name, or its IP address name.
            TLSEndpoint(host: "localhost", mode: "verify-full", roots: .testCA),
            TLSEndpoint(host: "127.0.0.1", mode: "verify-full", roots: .testCA),
            // The chain is checked, the host (not in the certificate) is not.
            TLSEndpoint(host: "127.0.0.2", mode: "verify-ca", roots: .testCA),
            // As in libpq, `require` with an `sslrootcert` checks the chain like `verify-ca`.
            TLSEndpoint(host: "127.0.0.2", mode: "require", roots: .testCA),
        ])
    func encrypted(endpoint: TLSEndpoint) async throws {
        let database = try await TestDatabase.create()
        let url = try endpoint.url(database)
        #expect(try await TLSEndpoint.encryption(try url.connectionConfiguration()) == [true])

        // Over this URL, a second store finds the first one's token: the database was used, not
        // skipped (a store that cannot connect fetches a token of its own and warns).
        let log = TestLog()
        let fetcher = CountingFetcher.fleet()
        let first = try await TokenCache(fetcher: fetcher, store: try Self.store(url, log)).token()
        let second = try await TokenCache(fetcher: fetcher, store: try Self.store(url, log)).token()
        #expect(second.value == first.value)
        #expect(fetcher.calls == 1)
        #expect(log.entries.filter { $0.level >= .warning }.isEmpty)
    }

    @Test(
        "refuses a server whose certificate it cannot check, and no error repeats the password",
        arguments: [
            // 127.0.0.2 is not in the certificate.
            TLSEndpoint(host: "127.0.0.2", mode: "verify-full", roots: .testCA),
            // The system's roots do not trust the throwaway CA.
            TLSEndpoint(host: "localhost", mode: "verify-full", roots: .system),
            TLSEndpoint(host: "127.0.0.1", mode: "verify-ca", roots: .system),
            // A CA that did not sign the certificate.
            TLSEndpoint(host: "localhost", mode: "verify-full", roots: .otherCA),
            TLSEndpoint(host: "127.0.0.1", mode: "require", roots: .otherCA),
        ])
    func refused(endpoint: TLSEndpoint) async throws {
        let database = try await TestDatabase.create()
        let url = try endpoint.url(database)
        let error = try await #require(throws: PSQLError.self) {
            try await TLSEndpoint.encryption(try url.connectionConfiguration())
        }
        // The TLS handshake failed (not, say, a refused connection).
        #expect(error.underlying is NIOSSLError || error.underlying is NIOSSLExtraError)
        for text in [String(describing: error), String(reflecting: error), "\(url)"] {
            #expect(!text.contains(TLSEndpoint.password))
        }
    }

    @Test(
        "sslmode=disable, or none on the loopback, is plain TCP to a server that offers TLS",
        arguments: [
            TLSEndpoint(host: "127.0.0.1", mode: "disable", roots: .system),
            TLSEndpoint(host: "localhost", mode: nil, roots: .system),
        ])
    func unencrypted(endpoint: TLSEndpoint) async throws {
        let database = try await TestDatabase.create()
        let url = try endpoint.url(database)
        #expect(try await TLSEndpoint.encryption(try url.connectionConfiguration()) == [false])
    }

    @Test("a store on verify-full without sslrootcert still returns its fetch's token and warns once")
    func untrustedFallsBack() async throws {
        let database = try await TestDatabase.create()
        let url = try TLSEndpoint(host: "localhost", mode: "verify-full", roots: .system).url(database)
        let log = TestLog()
        let store = try Self.store(url, log)
        let fetcher = CountingFetcher.fleet()
        let first = try await TokenCache(fetcher: fetcher, store: store).token()
        let second = try await TokenCache(fetcher: fetcher, store: store).token()
        #expect(fetcher.calls == 2)
        #expect(first.value != second.value)
        let warnings = log.entries.filter { $0.level == .warning }
        #expect(warnings.count == 1)
        #expect(warnings.first.map { "\($0.message)" }?.contains("PostgreSQL") == true)
        #expect(!log.lines.contains { $0.contains(TLSEndpoint.password) || $0.contains(first.value) })
    }

    @Test("the pooled clientConfiguration() path is encrypted and verified too")
    func pooled() async throws {
        let database = try await TestDatabase.create()
        let url = try TLSEndpoint(host: "localhost", mode: "verify-full", roots: .testCA).url(database)
        let client = PostgresClient(
            configuration: try url.clientConfiguration(), backgroundLogger: TestDatabase.quietLogger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            let encryption = try await client.withConnection { try await TLSEndpoint.encryption(on: $0) }
            #expect(encryption == [true])
            // A store over the app's pool shares its token with a store on direct connections.
            let log = TestLog()
            let fetcher = CountingFetcher.fleet()
            let pooled = try PostgresTokenStore(
                client: client, key: PostgresStoreFixture.key, appSecret: PostgresStoreFixture.secret,
                options: PostgresStoreFixture.patient, logger: log.logger)
            let token = try await TokenCache(fetcher: fetcher, store: pooled).token()
            let direct = try await TokenCache(fetcher: fetcher, store: try Self.store(url, log)).token()
            #expect(direct.value == token.value)
            #expect(fetcher.calls == 1)
            #expect(log.entries.filter { $0.level >= .warning }.isEmpty)
            group.cancelAll()
        }
    }

    @Test(
        "an sslrootcert that is not a readable PEM file is an error naming it, before connecting",
        arguments: [
            ("/nonexistent/box-auth-ca.pem", "does not exist"), ("folder", "is a folder"),
            ("Keys/garbage.txt", "cannot be read as PEM certificates"), ("", "has an empty sslrootcert"),
        ])
    func unreadableRoots(path: String, problem: String) throws {
        var resolved = path
        if path == "folder" { resolved = FileManager.default.temporaryDirectory.path }
        if path == "Keys/garbage.txt" { resolved = try Fixtures.url(path).path }
        let query = "sslmode=verify-full&sslrootcert=\(resolved)"
        let url = try PostgresCacheURL("postgres://postgres:\(TLSEndpoint.password)@localhost:5432/db?\(query)")
        let direct = try #require(throws: PostgresCacheURLError.self) { try url.connectionConfiguration() }
        let pooled = try #require(throws: PostgresCacheURLError.self) { try url.clientConfiguration() }
        #expect(direct.description == pooled.description)
        #expect(direct.description.contains(problem))
        #expect(direct.description.contains("sslrootcert\(resolved.isEmpty ? "" : "=\(resolved)")"))
        #expect(!direct.description.contains(TLSEndpoint.password))
        #expect(throws: PostgresCacheURLError.self) {
            try PostgresTokenStore(url: url, key: PostgresStoreFixture.key, appSecret: PostgresStoreFixture.secret)
        }
    }

    /// A store on direct connections to `url`, logging into `log`.
    private static func store(_ url: PostgresCacheURL, _ log: TestLog) throws -> PostgresTokenStore {
        try PostgresTokenStore(
            url: url, key: PostgresStoreFixture.key, appSecret: PostgresStoreFixture.secret,
            options: PostgresStoreFixture.patient, logger: log.logger)
    }
}
