import AsyncHTTPClient
import BoxAuth
import BoxAuthAsyncHTTPClient
import BoxAuthEmulator
import BoxAuthTestSupport
import Foundation
import NIOCore
import NIOHTTP1
import Testing

@Suite("ResolvedProfile.authorize(HTTPClientRequest)")
struct ResolvedProfileHTTPClientRequestTests {
    static func profile(asUser: String?) -> ResolvedProfile {
        ResolvedProfile(
            name: "test", kind: "fixed", provider: FixedTokenProvider(), options: ProfileOptions(asUser: asUser),
            transport: UnreachableTransport())
    }

    @Test("sets Authorization and As-User (replacing any), and returns the token used", arguments: [nil, "33333"])
    func authorize(asUser: String?) async throws {
        var original = HTTPClientRequest(url: "https://api.box.com/2.0/users/me")
        original.headers.add(name: "Authorization", value: "Bearer stale")
        original.headers.add(name: "Accept", value: "application/json")
        let (request, token) = try await Self.profile(asUser: asUser).authorize(original)
        #expect(token.value == "fixed-token")
        #expect(request.headers["Authorization"] == ["Bearer fixed-token"])
        #expect(request.headers["As-User"] == (asUser.map { [$0] } ?? []))
        #expect(request.headers["Accept"] == ["application/json"])
        #expect(request.url == original.url)
    }

    @Test("an authorized request reaches the emulator over async-http-client; after a revocation, 401")
    func againstEmulator() async throws {
        try await EmulatorFixture.withAsyncHTTPClient { fixture in
            let profile = try fixture.profile(
                #"{"provider": "jwt", "configFile": "box_config.json", "asUser": "44444"}"#)
            let client = HTTPClient(eventLoopGroupProvider: .singleton)
            do {
                let url = fixture.baseURL.appendingPathComponent("2.0/users/me").absoluteString
                let (request, token) = try await profile.authorize(HTTPClientRequest(url: url))
                let response = try await client.execute(request, timeout: .seconds(60))
                #expect(response.status == .ok)
                let body = try await response.body.collect(upTo: 1 << 16)
                #expect(String(buffer: body).contains("Bob Demo"))
                await fixture.emulator.revokeAccessTokens()
                let refused = try await client.execute(request, timeout: .seconds(60))
                #expect(refused.status == .unauthorized)
                await profile.invalidate(token)
                let (retried, _) = try await profile.authorize(HTTPClientRequest(url: url))
                #expect(try await client.execute(retried, timeout: .seconds(60)).status == .ok)
            } catch {
                try? await client.shutdown()
                throw error
            }
            try await client.shutdown()
        }
    }
}
