@testable import BoxAuthEmulator
import Testing

@Suite("AuthorizationRedirect")
struct AuthorizationRedirectTests {
    @Test(
        "appends the answer to the redirect URI's query, encoded",
        arguments: [
            ("http://127.0.0.1:5000/callback", "http://127.0.0.1:5000/callback?code=a%20b&state=x%26y"),
            ("http://127.0.0.1:5000/callback?app=1", "http://127.0.0.1:5000/callback?app=1&code=a%20b&state=x%26y"),
            ("http://127.0.0.1:5000/callback?", "http://127.0.0.1:5000/callback?code=a%20b&state=x%26y"),
        ])
    func appends(redirectURI: String, expected: String) {
        #expect(AuthorizationRedirect.location(redirectURI, [("code", "a b"), ("state", "x&y")]) == expected)
    }
}
