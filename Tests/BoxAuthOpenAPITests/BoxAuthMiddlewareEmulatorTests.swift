import BoxAuth
import BoxAuthEmulator
import BoxAuthOpenAPI
import BoxAuthTestSupport
import Foundation
import HTTPTypes
import OpenAPIRuntime
import Testing

@Suite("BoxAuthMiddleware against the emulator")
struct BoxAuthMiddlewareEmulatorTests {
    /// The middleware's `next`: the request sent through the fixture's transport (in-process), the
    /// base URL joined with the request's path, as a generated client's transport does.
    static func send(
        through fixture: EmulatorFixture
    )
        -> @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    {
        { request, body, baseURL in
            let data: Data? = if let body { try await Data(collecting: body, upTo: 1 << 20) } else { nil }
            let url = try #require(URL(string: baseURL.absoluteString + (request.path ?? "")))
            let response = try await fixture.transport.send(
                TransportRequest(
                    method: request.method.rawValue, url: url,
                    headers: request.headerFields.map { (name: $0.name.rawName, value: $0.value) }, body: data))
            return (HTTPResponse(status: .init(code: response.status)), HTTPBody(response.body))
        }
    }

    static func usersMe() -> HTTPRequest { HTTPRequest(method: .get, scheme: nil, authority: nil, path: "/users/me") }

    static func json(_ body: HTTPBody?) async throws -> [String: JSONValue] {
        let data = try await Data(collecting: try #require(body), upTo: 1 << 20)
        return try JSONDecoder().decode(JSONValue.self, from: data).objectValue ?? [:]
    }

    @Test("a token the emulator revoked mid-run: 401, invalidated, one retry with a new token")
    func revokedTokenRecovers() async throws {
        try await EmulatorFixture.with { fixture in
            let profile = try fixture.profile(#"{"provider": "jwt", "configFile": "box_config.json"}"#)
            let middleware = BoxAuthMiddleware(profile: profile)
            let api = fixture.baseURL.appendingPathComponent("2.0")
            let next = Self.send(through: fixture)
            let (first, _) = try await middleware.intercept(
                Self.usersMe(), body: nil, baseURL: api, operationID: "getUsersMe", next: next)
            #expect(first.status == .ok)
            let before = try await profile.accessToken()
            #expect(await fixture.emulator.revokeAccessTokens() >= 1)
            // Box answers the revoked token with 401 (the provider still holds it).
            #expect(try await fixture.usersMe.response(token: before).status == 401)

            let (second, body) = try await middleware.intercept(
                Self.usersMe(), body: nil, baseURL: api, operationID: "getUsersMe", next: next)
            #expect(second.status == .ok)
            #expect(try await Self.json(body)["id"] == .string(fixture.serviceAccountID))
            #expect(await fixture.counters.tokensIssued == 2)
            #expect(try await profile.accessToken().value != before.value)
        }
    }

    @Test("the profile's asUser becomes As-User")
    func asUserFromProfile() async throws {
        try await EmulatorFixture.with { fixture in
            let profile = try fixture.profile(
                #"{"provider": "jwt", "configFile": "box_config.json", "asUser": "44444"}"#)
            let (response, body) = try await BoxAuthMiddleware(profile: profile).intercept(
                Self.usersMe(), body: nil, baseURL: fixture.baseURL.appendingPathComponent("2.0"),
                operationID: "getUsersMe", next: Self.send(through: fixture))
            #expect(response.status == .ok)
            #expect(try await Self.json(body)["name"] == .string("Bob Demo"))
        }
    }

    @Test("an upload session is created on the upload base URL, and only there")
    func uploadRouted() async throws {
        try await EmulatorFixture.with { fixture in
            let profile = try fixture.profile(#"{"provider": "jwt", "configFile": "box_config.json"}"#)
            let api = fixture.baseURL.appendingPathComponent("2.0")
            var request = HTTPRequest(method: .post, scheme: nil, authority: nil, path: "/files/upload_sessions")
            request.headerFields[.contentType] = "application/json"
            let body = #"{"folder_id":"0","file_size":20000000,"file_name":"report.pdf"}"#
            let routed = BoxAuthMiddleware(
                profile: profile, uploadBaseURL: fixture.baseURL.appendingPathComponent("api/2.0"))
            let (created, session) = try await routed.intercept(
                request, body: HTTPBody(body), baseURL: api, operationID: "createUploadSession",
                next: Self.send(through: fixture))
            #expect(created.status == .created)
            #expect(try await Self.json(session)["total_parts"] == .integer(3))
            // Without routing the API host has no such operation.
            let (notFound, _) = try await BoxAuthMiddleware(profile: profile, uploadBaseURL: nil).intercept(
                request, body: HTTPBody(body), baseURL: api, operationID: "createUploadSession",
                next: Self.send(through: fixture))
            #expect(notFound.status == .notFound)
        }
    }
}
