import BoxAuth
import BoxAuthEmulator
import BoxAuthTestSupport
import Foundation
import Testing

/// Every provider that fetches from the token endpoint, against every fault the emulator can
/// inject, under a short policy (maxAttempts 3, retryDeadline 5 s, a 2 s timeout against stalls),
/// a token whenever the fault is recoverable, the right typed error otherwise, exactly the requests
/// the policy allows, a new assertion for every attempt, and no run past its deadline.
///
/// Each provider's column runs its rows one after another (the four columns run side by side): a
/// hundred runs at once would hold over a thousand sockets, past what `select`-based parts of
/// Foundation on Linux (Process monitoring) can handle, and starve the other suites in the process.
@Suite("Fault matrix")
struct FaultMatrixTests {
    @Test("jwt × fault", .serialized, .timeLimit(.minutes(1)), arguments: MatrixFault.all)
    func jwt(_ row: MatrixFault) async throws {
        try await run(.jwt, row)
    }

    @Test("client-credentials × fault", .serialized, .timeLimit(.minutes(1)), arguments: MatrixFault.all)
    func clientCredentials(_ row: MatrixFault) async throws {
        try await run(.clientCredentials, row)
    }

    @Test("user-access-token (grant jwt) × fault", .serialized, .timeLimit(.minutes(1)), arguments: MatrixFault.all)
    func userJWT(_ row: MatrixFault) async throws {
        try await run(.userJWT, row)
    }

    @Test(
        "user-access-token (grant client-credentials) × fault", .serialized, .timeLimit(.minutes(1)),
        arguments: MatrixFault.all)
    func userClientCredentials(_ row: MatrixFault) async throws {
        try await run(.userClientCredentials, row)
    }

    /// One cell of the matrix: `provider` fetches a token while the emulator plays `row`, on a
    /// retry clock whose waits pass at once (the schedule and the deadline are the client's own
    /// decisions, the same on a busy machine as on an idle one).
    private func run(_ provider: MatrixProvider, _ row: MatrixFault) async throws {
        try await RetryClock.$current.withValue(.immediate()) {
            try await play(provider, row)
        }
    }

    private func play(_ provider: MatrixProvider, _ row: MatrixFault) async throws {
        let expected = row.outcome(provider)
        let configuration = EmulatorFixture.quietConfiguration(clockOffset: row.clockOffset)
        try await EmulatorFixture.with(configuration, connection: row.needsSocket ? .socket : .inProcess) { workspace in
            let log = TestLog(label: "box-auth-resilience")
            let emulator = workspace.emulator
            if let offset = row.clockOffsetWhileServing { await emulator.setClockOffset(offset) }
            for injection in row.faults { await emulator.inject(injection) }
            let tokenProvider = try workspace.profile(
                members: provider.entry(app: workspace.config, policy: row.policy), logger: log.logger)

            let result: Result<AccessToken, any Error>
            do {
                result = .success(try await tokenProvider.accessToken())
            } catch {
                result = .failure(error)
            }
            // The deadline held: the waits the client chose fit in it (its own decisions, not the
            // wall clock of a machine that may be busy).
            #expect(
                log.retryWaits.reduce(0, +) <= row.policy.retryDeadline, "waits \(log.retryWaits) outlive the deadline")

            let requests = await emulator.tokenRequestLog
            #expect(requests.count == expected.requests, "token requests seen: \(requests.map(\.description))")
            #expect(await emulator.counters.tokenRequests == expected.requests)
            expectFreshAttempts(requests, provider: provider)
            let faultCount = row.faults.reduce(0) { $0 + $1.count }
            let faulted = requests.filter { $0.fault != nil }.count
            #expect(faulted == min(expected.requests, faultCount))
            #expect(await emulator.pendingFaults == faultCount - faulted, "faults left over")
            let waits = log.retryWaits
            #expect(waits.count == expected.requests - 1, "retries logged: \(waits)")
            if let range = row.retryWaits {
                #expect(waits.allSatisfy(range.contains), "waits \(waits) outside \(range)")
            }

            switch expected {
            case .token:
                let token = try result.get()
                #expect(try await currentUserStatus(token, workspace: workspace) == 200)
                if row.serverClockOffset != 0 && provider.signsAssertions {
                    try await expectSkewKept(tokenProvider, token: token, row: row, workspace: workspace, log: log)
                } else {
                    #expect(log.measuredSkews.isEmpty)
                }
            case .failure(let failure, _):
                guard case .failure(let error) = result else {
                    Issue.record("got a token, expected \(failure)")
                    return
                }
                expect(error, is: failure, workspace: workspace)
            }
        }
    }

    @Test(
        "cancelling the fetching task during a Retry-After wait ends it at once with CancellationError",
        .timeLimit(.minutes(1)), arguments: MatrixProvider.allCases)
    func cancelDuringRetryAfter(_ provider: MatrixProvider) async throws {
        try await EmulatorFixture.with { workspace in
            let log = TestLog(label: "box-auth-resilience")
            await workspace.emulator.injectFaults(.tooManyRequests(retryAfter: .seconds(30)))
            let policy = MatrixPolicy(maxAttempts: 3, retryDeadline: 60, timeout: 5)
            let tokenProvider = try workspace.profile(
                members: provider.entry(app: workspace.config, policy: policy), logger: log.logger)
            let fetch = Task { try await tokenProvider.accessToken() }
            // The client logs its decision to wait just before it starts waiting: wait for that event.
            while log.retryWaits.isEmpty {
                try await Task.sleep(for: .milliseconds(10))
            }
            #expect(log.retryWaits == [30])
            fetch.cancel()
            let result = await fetch.result
            #expect(throws: CancellationError.self) { try result.get() }
            #expect(await workspace.emulator.counters.tokenRequests == 1)

            // Nothing of the cancelled fetch lingers: the next call fetches, once.
            let token = try await tokenProvider.accessToken()
            #expect(try await currentUserStatus(token, workspace: workspace) == 200)
            #expect(await workspace.emulator.counters.tokenRequests == 2)
        }
    }

    /// Every attempt was a new request: a new assertion (`jti`) for JWT grants, the right subject.
    private func expectFreshAttempts(_ log: [RecordedTokenRequest], provider: MatrixProvider) {
        #expect(log.allSatisfy { $0.subject == provider.subject })
        if provider.signsAssertions {
            let jwtIDs = log.compactMap(\.jwtID)
            #expect(jwtIDs.count == log.count, "an attempt without a jti")
            #expect(Set(jwtIDs).count == jwtIDs.count, "a jti was sent twice")
        } else {
            #expect(log.allSatisfy { $0.jwtID == nil })
        }
    }

    /// The skew was measured once (and logged), kept, and later assertions are dated on the
    /// server's clock: a fetch after `invalidate` takes one request.
    private func expectSkewKept(
        _ provider: any AuthProvider, token: AccessToken, row: MatrixFault, workspace: EmulatorFixture, log: TestLog
    ) async throws {
        let offset = row.serverClockOffset
        let skews = log.measuredSkews
        #expect(skews.count == 1)
        #expect(skews.allSatisfy { abs($0 - offset) <= 3 }, "measured \(skews), server is \(offset) s off")
        let before = await workspace.emulator.counters.tokenRequests

        await provider.invalidate(token)
        let second = try await provider.accessToken()
        #expect(second.value != token.value)
        #expect(await workspace.emulator.counters.tokenRequests == before + 1)
        #expect(log.measuredSkews.count == 1)
        let last = try #require(await workspace.emulator.tokenRequestLog.last)
        let serverNow = Date().timeIntervalSince1970 + offset
        let secondsLeft = Double(try #require(last.expiresAt)) - serverNow
        #expect(secondsLeft > 0 && secondsLeft <= 60, "exp is \(secondsLeft) s after the server's time")
    }

    /// `error` is the expected type, code, status and category, and names no secret.
    private func expect(_ error: any Error, is expected: ExpectedFailure, workspace: EmulatorFixture) {
        switch expected {
        case .endpoint(let code, let status):
            guard let error = error as? TokenEndpointError else {
                Issue.record("expected TokenEndpointError, got \(type(of: error)): \(error)")
                return
            }
            #expect(error.code == code)
            #expect(error.status == status)
            #expect(error.category == expected.category)
        case .transport(let code):
            guard let error = error as? TransportError else {
                Issue.record("expected TransportError, got \(type(of: error)): \(error)")
                return
            }
            #expect(error.code == code)
            #expect(error.category == expected.category)
        }
        #expect(!"\(error)".contains(workspace.config.clientSecret.exposedValue))
    }

    /// The status `/2.0/users/me` answers `token` with (200 when the token works).
    private func currentUserStatus(_ token: AccessToken, workspace: EmulatorFixture) async throws -> Int {
        let url = workspace.baseURL.appendingPathComponent("2.0").appendingPathComponent("users")
            .appendingPathComponent("me")
        let request = TransportRequest(
            method: "GET", url: url, headers: [("Authorization", "Bearer \(token.value)")], timeout: 60)
        return try await workspace.transport.send(request).status
    }
}
