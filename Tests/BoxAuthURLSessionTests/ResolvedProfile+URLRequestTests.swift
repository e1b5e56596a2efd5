import BoxAuth
import BoxAuthTestSupport
import BoxAuthURLSession
import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@Suite("ResolvedProfile.authorize(URLRequest)")
struct ResolvedProfileURLRequestTests {
    static func profile(asUser: String?) -> ResolvedProfile {
        ResolvedProfile(
            name: "test", kind: "fixed", provider: FixedTokenProvider(), options: ProfileOptions(asUser: asUser),
            transport: URLSessionTransport())
    }

    @Test("sets Authorization and As-User, and returns the token used", arguments: [nil, "33333"])
    func authorize(asUser: String?) async throws {
        let original = URLRequest(url: URL(string: "https://api.box.com/2.0/users/me")!)
        let (request, token) = try await Self.profile(asUser: asUser).authorize(original)
        #expect(token.value == "fixed-token")
        #expect(request.value(forHTTPHeaderField: "Authorization") == "Bearer fixed-token")
        #expect(request.value(forHTTPHeaderField: "As-User") == asUser)
        #expect(request.url == original.url)
    }

    @Test("authorizationHeaders() gives the same headers without a URLRequest")
    func headers() async throws {
        let headers = try await Self.profile(asUser: "33333").authorizationHeaders()
        #expect(headers.map(\.name) == ["Authorization", "As-User"])
        #expect(headers.map(\.value) == ["Bearer fixed-token", "33333"])
    }
}
