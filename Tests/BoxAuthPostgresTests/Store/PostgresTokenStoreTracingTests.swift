@_spi(Plumbing) import BoxAuth
@testable import BoxAuthPostgres
import BoxAuthTestSupport
import Foundation
import InMemoryTracing
import Testing
import Tracing

@Suite("PostgresTokenStore in traces", .enabled(if: TestDatabase.shouldRun))
struct PostgresTokenStoreTracingTests {
    @Test("the refresh lock's wait is an event of box_auth.token; another machine's read is answered by postgres")
    func lockWaitEvent() async throws {
        let fixture = try await PostgresStoreFixture.make()
        let tracer = InMemoryTracer()
        let fetcher = CountingFetcher.fleet()
        let first = TokenCache(
            fetcher: fetcher, store: try fixture.store(), provider: "jwt", tracer: tracer, profile: "fleet",
            subjectType: .enterprise)
        let token = try await first.token()
        let spans = tracer.popFinishedSpans()
        let span = try #require(spans.named("box_auth.token").first)
        #expect(span.attributes.text("box_auth.tier") == "network")
        #expect(span.attributes.get("box_auth.lock.waited") == .bool(true))
        let event = try #require(span.events.first { $0.name == "box_auth.lock.acquired" })
        #expect(event.attributes.text("box_auth.store") == "postgres")
        guard case .double(let waited) = event.attributes.get("box_auth.lock.wait_duration") else {
            Issue.record("the lock event has no wait duration")
            return
        }
        #expect(waited >= 0)

        let second = TokenCache(fetcher: fetcher, store: try fixture.store(), provider: "jwt", tracer: tracer)
        _ = try await second.token()
        let read = try #require(tracer.popFinishedSpans().named("box_auth.token").first)
        #expect(read.attributes.text("box_auth.tier") == "postgres")
        #expect(read.events.isEmpty)
        #expect(fetcher.calls == 1)
        #expect((spans + [read]).attributes(containing: [token.value, "fleet-client-secret", "1234567"]).isEmpty)
    }

    @Test("behind this machine's lock file: two lock events, the file's then the database's")
    func machineLockThenDatabaseLock() async throws {
        let fixture = try await PostgresStoreFixture.make()
        try await TemporaryDirectory.with { directory in
            let tracer = InMemoryTracer()
            let store = MachineLockedTokenStore(
                shared: try fixture.store(), lockFile: directory.url.appendingPathComponent("shared.lock"))
            _ = try await TokenCache(fetcher: CountingFetcher.fleet(), store: store, tracer: tracer).token()
            let span = try #require(tracer.popFinishedSpans().named("box_auth.token").first)
            let stores = span.events.filter { $0.name == "box_auth.lock.acquired" }.map {
                $0.attributes.text("box_auth.store")
            }
            #expect(stores == ["file", "postgres"])
            #expect(span.attributes.text("box_auth.tier") == "network")
        }
    }
}
