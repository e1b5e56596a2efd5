import BoxAuth
import Foundation
import Hummingbird
import NIOCore

extension EmulatorRouter {
    /// Answers a token request that got `fault` instead of (or, for a stall, before) the normal
    /// answer.
    static func answer(
        _ fault: EmulatorFault, to request: TokenRequest, state: EmulatorState, stalls: StalledRequests,
        context: EmulatorRequestContext
    ) async throws -> Response {
        switch fault.kind {
        case .answer(let status, let headers, let body):
            return response(status: status, headers: headers, body: body)
        case .tooManyRequests(let retryAfter, let headerName):
            var headers = [EmulatorFault.HeaderField(name: "Content-Type", value: "application/json")]
            switch retryAfter {
            case .seconds(let seconds)?:
                headers.append(.init(name: headerName, value: "\(seconds)"))
            case .httpDate(let ahead)?:
                let date = await state.now.addingTimeInterval(TimeInterval(ahead))
                headers.append(.init(name: headerName, value: HTTPDate.format(date)))
            case nil:
                break
            }
            return response(status: 429, headers: headers, body: rateLimitedBody)
        case .closeConnection:
            return try await close(context)
        case .stall(let delay):
            guard try await holdStall(for: delay, stalls: stalls, context: context) else {
                return try await close(context)
            }
            return await exchange(request, state: state)
        case .truncatedJSON:
            let body = #"{"access_token":"\#(IssuedToken.randomValue())","expires_in":36"#
            return response(status: 200, headers: [.init(name: "Content-Type", value: "application/json")], body: body)
        case .html:
            return response(
                status: 200, headers: [.init(name: "Content-Type", value: "text/html; charset=utf-8")], body: htmlPage)
        case .missingAccessToken:
            let body: JSONValue = .object([
                "expires_in": .integer(3600), "token_type": .string("bearer"), "restricted_to": .array([]),
            ])
            return .json(body, status: .ok, headers: [.cacheControl: "no-store"])
        case .replayedJWTID:
            guard let assertion = request.value("assertion"), !assertion.isEmpty else {
                return await exchange(request, state: state)
            }
            return tokenResponse(.failure(await state.refuseByFault(.jwtIDReused)))
        }
    }

    /// Closes the request's connection without answering. The response returned is never sent:
    /// writing it fails on the closed connection, which Hummingbird drops quietly.
    /// - Throws: ``InProcessDisconnect/closed`` for an in-process request, which has no connection.
    private static func close(_ context: EmulatorRequestContext) async throws(InProcessDisconnect) -> Response {
        switch context.connection {
        case .socket(let channel):
            try? await channel.close()
            return Response(status: .serviceUnavailable)
        case .inProcess:
            throw .closed
        }
    }

    /// Holds the request for `delay` (nil: until released) and returns whether to answer it
    /// normally now (false: the stall was released early, so a socket's connection is closed).
    /// An in-process request gives up at its own timeout, as a client would, instead of holding on.
    /// - Throws: ``InProcessDisconnect/stalled`` when an in-process request's timeout runs out
    ///   before `delay`, or its stall is released.
    private static func holdStall(
        for delay: Duration?, stalls: StalledRequests, context: EmulatorRequestContext
    ) async throws(InProcessDisconnect) -> Bool {
        switch context.connection {
        case .socket:
            return await !stalls.hold(for: delay)
        case .inProcess(let timeout):
            guard let delay, delay <= timeout else {
                _ = await stalls.hold(for: timeout)
                throw .stalled
            }
            guard await !stalls.hold(for: delay) else { throw .stalled }
            return true
        }
    }

    /// A response with header names exactly as given (invalid names are skipped).
    private static func response(status: Int, headers: [EmulatorFault.HeaderField], body: String) -> Response {
        var fields = HTTPFields()
        for header in headers {
            // HTTPFields.Element is HTTPTypes' HTTPField, which Hummingbird does not re-export.
            guard let name = HTTPFields.Element.Name(header.name) else { continue }
            fields.append(HTTPFields.Element(name: name, value: header.value))
        }
        if fields[.cacheControl] == nil { fields[.cacheControl] = "no-store" }
        return Response(
            status: Hummingbird.HTTPResponse.Status(code: status), headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: Array(body.utf8))))
    }

    private static let rateLimitedBody =
        #"{"error":"rate_limit_exceeded","error_description":"Request rate limit exceeded, please try again later"}"#

    private static let htmlPage = """
        <!DOCTYPE html>
        <html><head><title>Sign in to continue</title></head>
        <body><h1>Sign in to continue</h1><p>This network requires you to sign in.</p></body></html>
        """
}
