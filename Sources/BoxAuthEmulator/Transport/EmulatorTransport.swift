public import BoxAuth
import Foundation
import Hummingbird
import Logging

/// An ``BoxAuth/HTTPTransport`` that hands requests straight to an emulator's routes, in-process,
/// without a socket: tests reach the emulator this way where sockets are not the subject, as
/// HummingbirdTesting's router test mode does.
///
/// Get one from ``BoxEmulator/inProcessTransport``; it works whether or not the emulator was
/// started. Only the URL's path and query matter (`http://127.0.0.1:9/oauth2/token` reaches the
/// token endpoint), so a profile's `baseURL` can be anything.
///
/// ```swift
/// let emulator = BoxEmulator()
/// try await emulator.register(config: config)
/// let provider = try AuthProviderRegistry.standard.profile(
///     "service", in: file, environment: [:], transport: emulator.inProcessTransport)
/// let token = try await provider.accessToken()
/// ```
///
/// Everything the socket path does that is not about sockets happens here too: injected
/// statuses, headers and bodies, `Retry-After`, the `Date` header on the emulator's clock (offset
/// included), the request log and the counters. Two faults are about connections and need a real
/// socket to reproduce; here they end the call as a client would see them:
/// - ``EmulatorFault/closeConnection`` throws `TransportError` ``BoxAuth/TransportError/Code/connectionFailed``.
/// - ``EmulatorFault/stall(answeringAfter:)`` answers normally when its delay ends within the
///   request's ``BoxAuth/TransportRequest/timeout``; otherwise it throws
///   ``BoxAuth/TransportError/Code/timedOut`` when the timeout runs out, or as soon as the stall is
///   released (``BoxEmulator/clearFaults()``, ``BoxEmulator/stop()``).
///
/// Requests that are not stalled are answered without a timer, so a busy machine never makes
/// them time out.
public struct EmulatorTransport: HTTPTransport {
    private let responder: RouterResponder<EmulatorRequestContext>
    private let clock: EmulatorClock
    private let logger: Logger

    /// A transport answering from `responder`, dating responses on `clock`.
    init(responder: RouterResponder<EmulatorRequestContext>, clock: EmulatorClock, logger: Logger) {
        self.responder = responder
        self.clock = clock
        self.logger = logger
    }

    /// Sends `request` to the emulator's routes and returns their answer, whatever its status.
    /// - Throws: `TransportError` ``BoxAuth/TransportError/Code/connectionFailed`` for a
    ///   ``EmulatorFault/closeConnection`` fault or a request that cannot be put into HTTP (an
    ///   unknown method), ``BoxAuth/TransportError/Code/timedOut`` for a stall that outlasts the
    ///   request's timeout or is released; `CancellationError` when the calling task is cancelled
    ///   during a stall.
    public func send(_ request: TransportRequest) async throws -> TransportResponse {
        let url = request.url.absoluteString
        let routed = try Self.routedRequest(request)
        // A request ID in the logger, as Hummingbird's server gives every request (`context.id` needs it).
        var requestLogger = logger
        requestLogger[metadataKey: "hb.request.id"] = .stringConvertible(RequestID())
        let context = EmulatorRequestContext(inProcessTimeout: Self.timeout(request.timeout), logger: requestLogger)
        let response: Response
        do {
            response = try await responder.respond(to: routed, context: context)
        } catch let disconnect as InProcessDisconnect {
            try Task.checkCancellation()
            switch disconnect {
            case .closed:
                throw TransportError(
                    code: .connectionFailed, url: url, detail: "the emulator closed the connection without answering")
            case .stalled:
                throw TransportError(
                    code: .timedOut, url: url,
                    detail: "the emulator stalled and did not answer within \(request.timeout) seconds")
            }
        } catch {
            // What Hummingbird's server answers when a route throws an error that is not an HTTP one.
            response = Response(status: .internalServerError)
        }
        return try await Self.transportResponse(response, date: clock.now)
    }

    /// `request` as Hummingbird's router takes it: method, path and query, headers and body.
    private static func routedRequest(_ request: TransportRequest) throws(TransportError) -> Request {
        guard let method = HTTPRequest.Method(request.method) else {
            throw TransportError(
                code: .connectionFailed, url: request.url.absoluteString,
                detail: "'\(request.method)' is not an HTTP method")
        }
        let components = URLComponents(url: request.url, resolvingAgainstBaseURL: false)
        var path = components?.percentEncodedPath ?? ""
        if path.isEmpty { path = "/" }
        if let query = components?.percentEncodedQuery { path += "?" + query }
        var fields = HTTPFields()
        for header in request.headers {
            guard let name = HTTPFields.Element.Name(header.name) else { continue }
            fields.append(HTTPFields.Element(name: name, value: header.value))
        }
        let body = request.body ?? Data()
        if fields[.contentLength] == nil, request.body != nil { fields[.contentLength] = "\(body.count)" }
        let head = HTTPRequest(
            method: method, scheme: "http", authority: "box-emulator", path: path, headerFields: fields)
        return Request(head: head, body: RequestBody(buffer: ByteBuffer(bytes: body)))
    }

    /// `response` with its body read, dated `date` as ``ServerDateHandler`` dates socket answers.
    private static func transportResponse(_ response: Response, date: Date) async throws -> TransportResponse {
        let collector = ResponseBodyCollector()
        try await response.body.write(collector)
        let body = collector.bytes
        var headers: [String: String] = [:]
        for field in response.headers {
            let name = field.name.canonicalName
            headers[name] = headers[name].map { "\($0), \(field.value)" } ?? field.value
        }
        headers["date"] = HTTPDate.format(date)
        headers["content-length"] = "\(body.count)"
        headers["server"] = BoxEmulator.serverName
        return TransportResponse(status: response.status.code, headers: headers, body: body)
    }

    /// `seconds` as a duration a stall can wait for: negative is 0, anything past a year (or not a
    /// number) is a year.
    private static func timeout(_ seconds: TimeInterval) -> Duration {
        let year: TimeInterval = 365 * 24 * 3600
        guard seconds.isFinite, seconds < year else { return .seconds(year) }
        return .milliseconds(Int64(max(0, seconds) * 1000))
    }
}
