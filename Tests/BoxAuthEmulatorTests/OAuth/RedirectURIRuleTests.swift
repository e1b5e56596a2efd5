@testable import BoxAuthEmulator
import Testing

@Suite("RedirectURIRule")
struct RedirectURIRuleTests {
    static let registered = ["http://127.0.0.1/callback", "https://app.example.com/oauth/done"]

    @Test(
        "accepts a registered URI exactly, and a loopback URI on any port with a registered loopback path",
        arguments: [
            "http://127.0.0.1/callback", "http://127.0.0.1:53682/callback", "http://localhost:8080/callback",
            "http://[::1]:9000/callback", "https://app.example.com/oauth/done",
        ])
    func accepts(uri: String) {
        #expect(RedirectURIRule.accepts(uri, registered: Self.registered))
    }

    @Test(
        "refuses other paths, hosts, schemes, fragments and near misses",
        arguments: [
            "http://127.0.0.1:53682/other", "http://127.0.0.2:53682/callback", "https://127.0.0.1:53682/callback",
            "http://127.0.0.1:53682/callback#frag", "http://127.0.0.1:53682/callback?x=1",
            "http://evil.example/callback",
            "https://app.example.com:8443/oauth/done", "https://app.example.com/oauth/done/", "callback", "",
            "javascript:alert(1)",
        ])
    func refuses(uri: String) {
        #expect(!RedirectURIRule.accepts(uri, registered: Self.registered))
    }

    @Test("a non-loopback registered URI does not open loopback ports")
    func nonLoopbackOnly() {
        #expect(
            !RedirectURIRule.accepts(
                "http://127.0.0.1:5000/oauth/done", registered: ["https://app.example.com/oauth/done"]))
    }
}
