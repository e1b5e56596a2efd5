import BoxAuth
import BoxAuthEmulator
import Foundation
import Testing

/// How one fault-matrix run must end.
enum MatrixOutcome: Sendable, Equatable, CustomStringConvertible {
    /// A token, after exactly this many token requests.
    case token(requests: Int)
    /// This error, after exactly this many token requests.
    case failure(ExpectedFailure, requests: Int)

    /// The token requests the emulator must have seen.
    var requests: Int {
        switch self {
        case .token(let requests), .failure(_, let requests): requests
        }
    }

    var description: String {
        switch self {
        case .token(let requests): "token after \(requests)"
        case .failure(let failure, let requests): "\(failure) after \(requests)"
        }
    }
}

/// The typed error a run must end with.
enum ExpectedFailure: Sendable, Equatable, CustomStringConvertible {
    /// ``TokenEndpointError`` with this code and HTTP status.
    case endpoint(TokenEndpointError.Code, status: Int)
    /// ``TransportError`` with this code.
    case transport(TransportError.Code)

    /// The category the error must report.
    var category: BoxAuthErrorCategory {
        switch self {
        case .endpoint(let code, _): code == .refused ? .refused : .unavailable
        case .transport: .unavailable
        }
    }

    var description: String {
        switch self {
        case .endpoint(let code, let status): "TokenEndpointError.\(code) (\(status), \(category))"
        case .transport(let code): "TransportError.\(code) (\(category))"
        }
    }
}

/// One row of the fault matrix: what the emulator does, and how every provider must come out.
struct MatrixFault: Sendable, CustomTestStringConvertible {
    /// The row's name in test output and in the report.
    let name: String
    /// The emulator's clock offset from the start.
    var clockOffset: TimeInterval = 0
    /// A clock offset set with `setClockOffset(_:)` once the emulator serves.
    var clockOffsetWhileServing: TimeInterval?
    /// The faults queued before the fetch, in order.
    var faults: [FaultInjection] = []
    /// The profile's retry settings.
    var policy = MatrixPolicy()
    /// Where every wait the client logs before a retry must lie, in seconds; nil to skip.
    var retryWaits: ClosedRange<Double>?
    /// The outcome for each provider.
    let outcome: @Sendable (MatrixProvider) -> MatrixOutcome

    var testDescription: String { name }

    /// The emulator's clock offset while the fetch runs.
    /// Whether the row's faults are about connections (close, stall), which only a socket shows.
    var needsSocket: Bool {
        faults.contains { $0.fault.isAboutConnections }
    }

    var serverClockOffset: TimeInterval { clockOffsetWhileServing ?? clockOffset }

    /// The same outcome for every provider.
    init(
        _ name: String, clockOffset: TimeInterval = 0, clockOffsetWhileServing: TimeInterval? = nil,
        faults: [FaultInjection] = [], policy: MatrixPolicy = MatrixPolicy(), retryWaits: ClosedRange<Double>? = nil,
        outcome: @escaping @Sendable (MatrixProvider) -> MatrixOutcome
    ) {
        self.name = name
        self.policy = policy
        self.clockOffset = clockOffset
        self.clockOffsetWhileServing = clockOffsetWhileServing
        self.faults = faults
        self.retryWaits = retryWaits
        self.outcome = outcome
    }

    init(
        _ name: String, faults: [FaultInjection], policy: MatrixPolicy = MatrixPolicy(),
        retryWaits: ClosedRange<Double>? = nil, always outcome: MatrixOutcome
    ) {
        self.init(name, faults: faults, policy: policy, retryWaits: retryWaits) { _ in outcome }
    }
}

extension MatrixFault {
    /// More faults than `maxAttempts` (3) allows requests.
    static let tooMany = 5

    /// Box's answer for an app the enterprise has not authorized.
    static let unauthorizedBody =
        #"{"error":"unauthorized_client","error_description":"This app is not authorized by the enterprise admin"}"#

    static let all: [MatrixFault] = [
        MatrixFault(
            "429 Retry-After: 1 (seconds), twice", faults: [.init(fault: .tooManyRequests(), count: 2)],
            retryWaits: 1...1, always: .token(requests: 3)),
        MatrixFault(
            "429 Retry-After: HTTP date",
            faults: [.init(fault: .tooManyRequests(retryAfter: .httpDate(secondsAhead: 1)))],
            retryWaits: 0...1, always: .token(requests: 2)),
        MatrixFault(
            "429 retry-after (lowercase name)",
            faults: [.init(fault: .tooManyRequests(retryAfter: .seconds(1), headerName: "retry-after"))],
            retryWaits: 1...1, always: .token(requests: 2)),
        MatrixFault(
            "429 without Retry-After (backoff)", faults: [.init(fault: .tooManyRequests(retryAfter: nil))],
            retryWaits: 0...0.5, always: .token(requests: 2)),
        MatrixFault(
            "500, twice", faults: [.init(fault: .status(500), count: 2)], retryWaits: 0...1, always: .token(requests: 3)
        ),
        MatrixFault("502", faults: [.init(fault: .status(502))], retryWaits: 0...0.5, always: .token(requests: 2)),
        MatrixFault(
            "502 with a proxy's HTML page",
            faults: [
                .init(fault: .status(502, headers: [("Content-Type", "text/html")], body: "<html>Bad Gateway</html>"))
            ],
            retryWaits: 0...0.5, always: .token(requests: 2)),
        MatrixFault("503", faults: [.init(fault: .status(503))], retryWaits: 0...0.5, always: .token(requests: 2)),
        MatrixFault("504", faults: [.init(fault: .status(504))], retryWaits: 0...0.5, always: .token(requests: 2)),
        MatrixFault(
            "close connection", faults: [.init(fault: .closeConnection)], retryWaits: 0...0.5,
            always: .token(requests: 2)),
        MatrixFault(
            "stall beyond the timeout, never answering", faults: [.init(fault: .stall())], policy: .stalling,
            retryWaits: 0...0.5,
            always: .token(requests: 2)),
        MatrixFault(
            "stall beyond the timeout, answering after 3 s",
            faults: [.init(fault: .stall(answeringAfter: .seconds(3)))],
            policy: .stalling, retryWaits: 0...0.5, always: .token(requests: 2)),
        MatrixFault(
            "truncated JSON", faults: [.init(fault: .truncatedJSON)],
            always: .failure(.endpoint(.malformedResponse, status: 200), requests: 1)),
        MatrixFault(
            "HTML (text/html)", faults: [.init(fault: .html)],
            always: .failure(.endpoint(.malformedResponse, status: 200), requests: 1)),
        MatrixFault(
            "200 without access_token", faults: [.init(fault: .missingAccessToken)],
            always: .failure(.endpoint(.malformedResponse, status: 200), requests: 1)),
        MatrixFault(
            "400 unauthorized_client (other 4xx, not retried)",
            faults: [
                .init(fault: .status(400, headers: [("Content-Type", "application/json")], body: unauthorizedBody))
            ],
            always: .failure(.endpoint(.refused, status: 400), requests: 1)),
        MatrixFault("server clock +300 s", clockOffset: 300, retryWaits: 0...0) { provider in
            .token(requests: provider.signsAssertions ? 2 : 1)
        },
        MatrixFault("server clock -300 s (set while serving)", clockOffsetWhileServing: -300, retryWaits: 0...0) {
            provider in
            .token(requests: provider.signsAssertions ? 2 : 1)
        },
        MatrixFault("jti refused as reused", faults: [.init(fault: .replayedJWTID)], retryWaits: 0...0) { provider in
            .token(requests: provider.signsAssertions ? 2 : 1)
        },
        MatrixFault("jti refused as reused, twice", faults: [.init(fault: .replayedJWTID, count: 2)], retryWaits: 0...0)
        {
            provider in
            provider.signsAssertions ? .failure(.endpoint(.refused, status: 400), requests: 2) : .token(requests: 1)
        },
        MatrixFault(
            "429 with Retry-After date, server clock +300 s", clockOffset: 300,
            faults: [.init(fault: .tooManyRequests(retryAfter: .httpDate(secondsAhead: 1)))], retryWaits: 0...1
        ) { provider in
            .token(requests: provider.signsAssertions ? 3 : 2)
        },
        MatrixFault(
            "429 Retry-After: 3600 (past the deadline)",
            faults: [.init(fault: .tooManyRequests(retryAfter: .seconds(3600)))],
            always: .failure(.endpoint(.rateLimited, status: 429), requests: 1)),
        MatrixFault(
            "429 Retry-After: 3, twice (the deadline ends it)",
            faults: [.init(fault: .tooManyRequests(retryAfter: .seconds(3)), count: 2)], retryWaits: 3...3,
            always: .failure(.endpoint(.rateLimited, status: 429), requests: 2)),
        MatrixFault(
            "429 × \(tooMany) (more than maxAttempts)", faults: [.init(fault: .tooManyRequests(), count: tooMany)],
            retryWaits: 1...1, always: .failure(.endpoint(.rateLimited, status: 429), requests: 3)),
        MatrixFault(
            "503 × \(tooMany) (more than maxAttempts)", faults: [.init(fault: .status(503), count: tooMany)],
            retryWaits: 0...1, always: .failure(.endpoint(.serverError, status: 503), requests: 3)),
        MatrixFault(
            "close × \(tooMany) (more than maxAttempts)", faults: [.init(fault: .closeConnection, count: tooMany)],
            retryWaits: 0...1, always: .failure(.transport(.connectionFailed), requests: 3)),
        MatrixFault(
            "stall × \(tooMany) (more than maxAttempts)", faults: [.init(fault: .stall(), count: tooMany)],
            policy: .stalling, retryWaits: 0...1, always: .failure(.transport(.timedOut), requests: 3)),
    ]
}
