import BoxAuth
import BoxAuthOpenAPI
import BoxAuthTestSupport
import Foundation
import HTTPTypes
import Logging
@_spi(Generated) import OpenAPIRuntime
import Testing

@Suite("BoxAuthMiddleware")
struct BoxAuthMiddlewareTests {
    static let api = URL(string: "https://api.box.com/2.0")!
    static let upload = URL(string: "https://upload.test/api/2.0")!

    /// A provider handing out `secret-token-1`, `secret-token-2`, ... (one per fetch).
    static func provider() -> InvalidationRecorder {
        InvalidationRecorder(
            CachedAuthProvider(kind: "test", grant: CountingFetcher(prefix: "secret-token-"), subject: nil))
    }

    static func get(_ path: String = "/users/me") -> HTTPRequest {
        HTTPRequest(method: .get, scheme: nil, authority: nil, path: path)
    }

    @Test("sets Authorization and As-User, replacing headers already there")
    func setsHeaders() async throws {
        let next = ScriptedNext(.ok)
        let middleware = BoxAuthMiddleware(provider: Self.provider(), asUser: "44444")
        var request = Self.get()
        request.headerFields[.authorization] = "Bearer stale"
        request.headerFields[HTTPField.Name("As-User")!] = "1"
        let (response, _) = try await middleware.intercept(
            request, body: nil, baseURL: Self.api, operationID: "getUsersMe", next: next.next)
        #expect(response.status == .ok)
        let call = try #require(next.calls.first)
        #expect(call.header(.authorization) == "Bearer secret-token-1")
        #expect(call.count(of: .authorization) == 1)
        #expect(call.header(HTTPField.Name("As-User")!) == "44444")
        #expect(call.count(of: HTTPField.Name("As-User")!) == 1)
        #expect(call.baseURL == Self.api)
    }

    @Test("sends no As-User when none is set")
    func noAsUser() async throws {
        let next = ScriptedNext(.ok)
        _ = try await BoxAuthMiddleware(provider: Self.provider()).intercept(
            Self.get(), body: nil, baseURL: Self.api, operationID: "getUsersMe", next: next.next)
        #expect(next.calls.first?.header(HTTPField.Name("As-User")!) == nil)
    }

    @Test("a 401 invalidates exactly the token sent and retries once with a new one, replaying the body")
    func retriesAfter401() async throws {
        let next = ScriptedNext(.unauthorized, .created)
        let provider = Self.provider()
        let body = HTTPBody(#"{"folder_id":"0"}"#)
        #expect(body.iterationBehavior == .multiple)
        var request = Self.get("/files/upload_sessions")
        request.method = .post
        let (response, _) = try await BoxAuthMiddleware(provider: provider, uploadBaseURL: nil).intercept(
            request, body: body, baseURL: Self.api, operationID: "createUploadSession", next: next.next)
        #expect(response.status == .created)
        #expect(next.calls.map { $0.header(.authorization) } == ["Bearer secret-token-1", "Bearer secret-token-2"])
        #expect(next.calls.map(\.body) == [Data(#"{"folder_id":"0"}"#.utf8), Data(#"{"folder_id":"0"}"#.utf8)])
        #expect(provider.invalidated == ["secret-token-1"])
    }

    @Test("a 401 for a token another request already replaced drops only that one: no third fetch")
    func invalidatesOnlyTheTokenSent() async throws {
        let fetcher = CountingFetcher(prefix: "secret-token-")
        let provider = InvalidationRecorder(CachedAuthProvider(kind: "test", grant: fetcher, subject: nil))
        let next = ScriptedNext(.unauthorized, .ok)
        let (response, _) = try await BoxAuthMiddleware(provider: provider).intercept(
            Self.get(), body: nil, baseURL: Self.api, operationID: "getUsersMe"
        ) { request, body, baseURL in
            if next.calls.isEmpty {
                // Another request got its 401 first and fetched a new token.
                await provider.invalidate(try await provider.accessToken())
                _ = try await provider.accessToken()
            }
            return try await next.next(request, body, baseURL)
        }
        #expect(response.status == .ok)
        #expect(next.calls.map { $0.header(.authorization) } == ["Bearer secret-token-1", "Bearer secret-token-2"])
        #expect(provider.invalidated == ["secret-token-1", "secret-token-1"])
        #expect(fetcher.calls == 2)
    }

    @Test("a request without a body is retried")
    func retriesWithoutBody() async throws {
        let next = ScriptedNext(.unauthorized, .ok)
        let (response, _) = try await BoxAuthMiddleware(provider: Self.provider()).intercept(
            Self.get(), body: nil, baseURL: Self.api, operationID: "getUsersMe", next: next.next)
        #expect(response.status == .ok)
        #expect(next.calls.count == 2)
    }

    @Test("a single-use body gets the 401 back unretried (the token is still invalidated)")
    func singleUseBodyNotRetried() async throws {
        let next = ScriptedNext(.unauthorized, .ok)
        let provider = Self.provider()
        let log = TestLog()
        let stream = AsyncStream<HTTPBody.ByteChunk> { continuation in
            continuation.yield(ArraySlice("part".utf8))
            continuation.finish()
        }
        let body = HTTPBody(stream, length: .unknown, iterationBehavior: .single)
        var request = Self.get("/files/content")
        request.method = .post
        let (response, responseBody) = try await BoxAuthMiddleware(provider: provider, logger: log.logger).intercept(
            request, body: body, baseURL: Self.api, operationID: "uploadFile", next: next.next)
        #expect(response.status == .unauthorized)
        #expect(try await String(collecting: try #require(responseBody), upTo: 100) == "answer 1")
        #expect(next.calls.count == 1)
        #expect(provider.invalidated == ["secret-token-1"])
        #expect(log.messages.contains { $0.contains("sent only once") })
        #expect(!log.lines.joined().contains("secret-token"))
    }

    @Test("a second 401 is returned, not retried again")
    func secondUnauthorizedReturned() async throws {
        let next = ScriptedNext(.unauthorized, .unauthorized, .ok)
        let provider = Self.provider()
        let (response, _) = try await BoxAuthMiddleware(provider: provider).intercept(
            Self.get(), body: nil, baseURL: Self.api, operationID: "getUsersMe", next: next.next)
        #expect(response.status == .unauthorized)
        #expect(next.calls.count == 2)
        #expect(provider.invalidated == ["secret-token-1"])
    }

    @Test("a provider with no other token (a developer token) is not asked to retry with the same one")
    func sameTokenNotRetried() async throws {
        let next = ScriptedNext(.unauthorized, .ok)
        let (response, _) = try await BoxAuthMiddleware(provider: FixedTokenProvider("fixed-secret-token")).intercept(
            Self.get(), body: nil, baseURL: Self.api, operationID: "getUsersMe", next: next.next)
        #expect(response.status == .unauthorized)
        #expect(next.calls.count == 1)
    }

    @Test(
        "upload operations go to the upload base URL, the rest (downloads included) to the client's",
        arguments: [
            (HTTPRequest.Method.post, "/files/content", true),
            (.post, "/files/content?fields=id", true),
            (.post, "/files/12345/content", true),
            (.get, "/files/12345/content", false),
            (.options, "/files/content", false),
            (.post, "/files/upload_sessions", true),
            (.post, "/files/12345/upload_sessions", true),
            (.put, "/files/upload_sessions/ABC", true),
            (.get, "/files/upload_sessions/ABC/parts", true),
            (.post, "/files/upload_sessions/ABC/commit", true),
            (.delete, "/files/upload_sessions/ABC", true),
            (.get, "/files/12345", false),
            (.get, "/users/me", false),
            (.post, "/folders/0/content", false),
        ])
    func uploadRouting(method: HTTPRequest.Method, path: String, isUpload: Bool) async throws {
        let request = HTTPRequest(method: method, scheme: nil, authority: nil, path: path)
        #expect(UploadOperation.matches(request) == isUpload)
        let next = ScriptedNext(.ok)
        _ = try await BoxAuthMiddleware(provider: Self.provider(), uploadBaseURL: Self.upload).intercept(
            request, body: nil, baseURL: Self.api, operationID: "op", next: next.next)
        #expect(next.calls.first?.baseURL == (isUpload ? Self.upload : Self.api))
        let unrouted = ScriptedNext(.ok)
        _ = try await BoxAuthMiddleware(provider: Self.provider(), uploadBaseURL: nil).intercept(
            request, body: nil, baseURL: Self.api, operationID: "op", next: unrouted.next)
        #expect(unrouted.calls.first?.baseURL == Self.api)
    }

    @Test("the default upload base URL is Box's upload host")
    func defaultUploadHost() {
        #expect(
            BoxAuthMiddleware(provider: Self.provider()).uploadBaseURL?.absoluteString
                == "https://upload.box.com/api/2.0")
    }

    /// A transport that fails every request, as a dropped connection does.
    struct FailingTransport: ClientTransport {
        struct Failure: Error {}
        func send(
            _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String
        ) async throws -> (
            HTTPResponse, HTTPBody?
        ) { throw Failure() }
    }

    @Test("the token is in no error from a generated client's call and in no log line, 401 retry included")
    func tokenNeverInErrorsOrLogs() async throws {
        let log = TestLog()
        let middleware = BoxAuthMiddleware(provider: Self.provider(), asUser: "44444", logger: log.logger)
        let client = UniversalClient(serverURL: Self.api, transport: FailingTransport(), middlewares: [middleware])
        let error = await #expect(throws: ClientError.self) {
            try await client.send(
                input: "x", forOperation: "getUsersMe",
                serializer: { _ in (Self.get(), HTTPBody("request body")) },
                deserializer: { _, _ in "never" })
        }
        let thrown = try #require(error)
        #expect(!"\(thrown)".contains("secret-token"))
        #expect(!String(reflecting: thrown).contains("secret-token"))
        #expect(!thrown.localizedDescription.contains("secret-token"))

        let next = ScriptedNext(.unauthorized, .ok)
        _ = try await middleware.intercept(
            Self.get(), body: nil, baseURL: Self.api, operationID: "getUsersMe", next: next.next)
        #expect(log.messages.contains { $0.contains("retrying once") })
        #expect(!log.lines.isEmpty)
        #expect(!log.lines.joined(separator: "\n").contains("secret-token"))
    }
}
