import Foundation

/// A way the emulator's token endpoint misbehaves on purpose, so that tests can check how a client
/// copes with rate limits, failing servers, broken connections, stalls and answers that are not
/// tokens.
///
/// Queue faults with ``BoxEmulator/injectFaults(_:count:)``: the next token requests get them, in
/// the order they were queued, and requests after that are answered normally again. Every faulted
/// request is counted in ``EmulatorCounters/tokenRequests`` and appears in
/// ``BoxEmulator/tokenRequestLog``.
///
/// ```swift
/// await emulator.injectFaults(.tooManyRequests(retryAfter: .seconds(1)), count: 2)
/// await emulator.injectFaults(.closeConnection)
/// let token = try await provider.accessToken()   // the fourth request gets a token
/// #expect(await emulator.counters.tokenRequests == 4)
/// ```
public struct EmulatorFault: Sendable, Hashable, CustomStringConvertible {
    /// How a 429 answer tells the client when to come back.
    public enum RetryAfter: Sendable, Hashable {
        /// `Retry-After: N`, in seconds.
        case seconds(Int)
        /// `Retry-After` as an HTTP date, this many seconds after the emulator's clock at the time of
        /// the answer (so it is in the emulator's time, offset included).
        case httpDate(secondsAhead: Int)
    }

    /// One header field of a canned answer; the name is sent exactly as written.
    struct HeaderField: Sendable, Hashable {
        let name: String
        let value: String
    }

    enum Kind: Sendable, Hashable {
        case answer(status: Int, headers: [HeaderField], body: String)
        case tooManyRequests(RetryAfter?, headerName: String)
        case closeConnection
        case stall(answeringAfter: Duration?)
        case truncatedJSON
        case html
        case missingAccessToken
        case replayedJWTID
    }

    let kind: Kind

    private init(_ kind: Kind) { self.kind = kind }

    /// Answers `status` with exactly these headers and body.
    ///
    /// Without a body, the answer is Box's JSON error shape naming the status (with
    /// `Content-Type: application/json`), as Box sends for a 500, 502, 503 or 504.
    /// - Parameters:
    ///   - status: The HTTP status, e.g. 500, 502, 503, 504, or a 4xx.
    ///   - headers: Header fields, sent with their names exactly as written.
    ///   - body: The body; nil for Box's JSON error shape.
    public static func status(
        _ status: Int, headers: [(name: String, value: String)] = [], body: String? = nil
    ) -> EmulatorFault {
        var fields = headers.map { HeaderField(name: $0.name, value: $0.value) }
        let text: String
        if let body {
            text = body
        } else {
            text = #"{"error":"temporarily_unavailable","error_description":"Emulated fault: HTTP \#(status)"}"#
            if !fields.contains(where: { $0.name.lowercased() == "content-type" }) {
                fields.append(HeaderField(name: "Content-Type", value: "application/json"))
            }
        }
        return EmulatorFault(.answer(status: status, headers: fields, body: text))
    }

    /// Answers 429 Too Many Requests with Box's error body and a `Retry-After` header.
    /// - Parameters:
    ///   - retryAfter: What `Retry-After` says; nil sends none.
    ///   - headerName: The header's name as sent, e.g. `retry-after` to check that clients match
    ///     header names case-insensitively.
    public static func tooManyRequests(
        retryAfter: RetryAfter? = .seconds(1), headerName: String = "Retry-After"
    ) -> EmulatorFault {
        EmulatorFault(.tooManyRequests(retryAfter, headerName: headerName))
    }

    /// Closes the connection without answering, as a crashed proxy or a reset does.
    ///
    /// This fault is about connections: over ``BoxEmulator/inProcessTransport``, which has none,
    /// the call throws `TransportError` `connectionFailed` instead.
    public static let closeConnection = EmulatorFault(.closeConnection)

    /// Holds the request without answering, to outlast a client's timeout.
    ///
    /// After `delay` the request is answered normally (a token may then be issued to nobody);
    /// with nil it is never answered. Either way ``BoxEmulator/clearFaults()`` and
    /// ``BoxEmulator/stop()`` end a stall at once by closing its connection.
    ///
    /// This fault is about connections: over ``BoxEmulator/inProcessTransport`` the request is
    /// answered normally when `delay` ends within the request's timeout; otherwise the call throws
    /// `TransportError` `timedOut` once the timeout runs out, or as soon as the stall is ended.
    /// - Parameter delay: How long to wait before answering; nil waits forever.
    public static func stall(answeringAfter delay: Duration? = nil) -> EmulatorFault {
        EmulatorFault(.stall(answeringAfter: delay))
    }

    /// Answers 200 with `Content-Type: application/json` and a token response cut off mid-way.
    public static let truncatedJSON = EmulatorFault(.truncatedJSON)

    /// Answers 200 with `Content-Type: text/html` and an HTML page, as a captive portal or a
    /// misconfigured proxy does.
    public static let html = EmulatorFault(.html)

    /// Answers 200 with a JSON token response that has no `access_token`.
    public static let missingAccessToken = EmulatorFault(.missingAccessToken)

    /// Refuses a JWT bearer request as Box refuses a `jti` it has seen before (400
    /// `invalid_grant`, counted under `jti` in ``EmulatorCounters/rejections``), whatever its `jti`.
    /// A request without an assertion (client credentials) is answered normally.
    public static let replayedJWTID = EmulatorFault(.replayedJWTID)

    /// Whether the fault is about connections (``closeConnection``, ``stall(answeringAfter:)``):
    /// only a client on a real socket sees it as a server would show it.
    public var isAboutConnections: Bool {
        switch kind {
        case .closeConnection, .stall: true
        default: false
        }
    }

    /// A short name, as the `--fault` option of `box-auth emulator` writes it, e.g. `429`,
    /// `close` or `stall=5`.
    public var description: String {
        switch kind {
        case .answer(let status, _, _): "\(status)"
        case .tooManyRequests(.seconds(let seconds)?, let name): "429=\(seconds)" + Self.nameSuffix(name)
        case .tooManyRequests(.httpDate(let ahead)?, let name): "429-date=\(ahead)" + Self.nameSuffix(name)
        case .tooManyRequests(nil, _): "429-bare"
        case .closeConnection: "close"
        case .stall(let delay?): "stall=\(Self.seconds(delay))"
        case .stall(nil): "stall"
        case .truncatedJSON: "truncated"
        case .html: "html"
        case .missingAccessToken: "no-token"
        case .replayedJWTID: "jti"
        }
    }

    private static func nameSuffix(_ name: String) -> String {
        name == "Retry-After" ? "" : " (\(name))"
    }

    private static func seconds(_ duration: Duration) -> String {
        let value = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return value.rounded() == value ? "\(Int64(value))" : "\(value)"
    }
}
