import BoxAuth
import BoxAuthEmulator
import BoxAuthTestSupport
import Foundation
import Testing

/// `GET` and `POST /api/oauth2/authorize` (EmulatorRouter+Authorize.swift), reached in-process.
@Suite("Authorization endpoint")
struct AuthorizeEndpointTests {
    @Test(
        "an unknown client or an unacceptable redirect URI gets a 400 page and no redirect",
        arguments: [
            ("client_id", "unknown-client"), ("client_id", ""), ("redirect_uri", "http://127.0.0.1:5000/elsewhere"),
            ("redirect_uri", "https://evil.example/callback"), ("redirect_uri", ""),
        ])
    func refusedOnPage(name: String, value: String) async throws {
        try await EmulatorFixture.with { fixture in
            var parameters = fixture.authorizationParameters()
            parameters = parameters.map { $0.0 == name ? (name, value) : $0 }
            for response in [
                try await fixture.getAuthorizationPage(parameters),
                try await fixture.postConsent(parameters + [("user_id", "33333"), ("consent", "grant")]),
            ] {
                #expect(response.status == 400)
                #expect(response.header("Location") == nil)
                #expect(response.header("Content-Type") == "text/html; charset=utf-8")
                #expect(String(decoding: response.body, as: UTF8.self).contains(#"<p id="error">"#))
            }
            #expect(await fixture.counters.authorizationCodesIssued == 0)
        }
    }

    @Test(
        "a loopback redirect URI on any port and loopback host is accepted",
        arguments: ["http://127.0.0.1:1/callback", "http://127.0.0.1:65535/callback", "http://localhost:4242/callback"])
    func loopbackAnyPort(redirectURI: String) async throws {
        try await EmulatorFixture.with { fixture in
            let response = try await fixture.getAuthorizationPage(
                fixture.authorizationParameters(redirectURI: redirectURI))
            #expect(response.status == 200)
        }
    }

    @Test(
        "a bad response type or PKCE method is refused at the redirect URI, with state",
        arguments: [
            ("response_type", "token", "unsupported_response_type"),
            ("code_challenge_method", "plain", "invalid_request"),
            ("code_challenge", "too-short", "invalid_request"),
        ])
    func refusedByRedirect(name: String, value: String, error: String) async throws {
        try await EmulatorFixture.with { fixture in
            let parameters = fixture.authorizationParameters().map { $0.0 == name ? (name, value) : $0 }
            let response = try await fixture.getAuthorizationPage(parameters)
            #expect(response.status == 302)
            let location = try #require(response.header("Location"))
            #expect(location.hasPrefix(TestPKCE.redirectURI + "?"))
            let query = EmulatorFixture.redirectQuery(of: response)
            #expect(query["error"] == error)
            #expect(query["state"] == "test-state")
            #expect(query["code"] == nil)
        }
    }

    @Test("deny redirects with access_denied and the state")
    func deny() async throws {
        try await EmulatorFixture.with { fixture in
            let page = try await fixture.getAuthorizationPage(fixture.authorizationParameters(state: "s p&ce"))
            let form = try ConsentForm(html: String(decoding: page.body, as: UTF8.self))
            let response = try await fixture.postConsent(form.submission(userID: "33333", consent: "deny"))
            #expect(response.status == 302)
            let query = EmulatorFixture.redirectQuery(of: response)
            #expect(query["error"] == "access_denied")
            #expect(query["state"] == "s p&ce")
            #expect(query["code"] == nil)
            #expect(await fixture.counters.authorizationCodesIssued == 0)
        }
    }

    @Test("grant redirects with a fresh code and the state, appended to a redirect URI's own query")
    func grant() async throws {
        try await EmulatorFixture.with { fixture in
            var app = try EmulatedApp(config: fixture.config, knownUserIDs: ["33333"])
            app.redirectURIs = ["https://app.example.com/done?tenant=7"]
            await fixture.emulator.register(app)
            let parameters = fixture.authorizationParameters(redirectURI: "https://app.example.com/done?tenant=7")
            let first = try await fixture.grantConsent(parameters)
            let second = try await fixture.grantConsent(parameters)
            #expect(first.status == 302)
            let location = try #require(first.header("Location"))
            #expect(location.hasPrefix("https://app.example.com/done?tenant=7&code="))
            let query = EmulatorFixture.redirectQuery(of: first)
            #expect(query["state"] == "test-state")
            #expect(query["tenant"] == "7")
            let code = try #require(query["code"])
            #expect(code.count >= 32)
            #expect(EmulatorFixture.redirectQuery(of: second)["code"] != code)
            #expect(await fixture.counters.authorizationCodesIssued == 2)
        }
    }

    @Test(
        "a form with an unknown user or no consent choice gets a 400 page",
        arguments: [("99999", "grant"), ("33333", "maybe")])
    func badForm(userID: String, consent: String) async throws {
        try await EmulatorFixture.with { fixture in
            let fields = fixture.authorizationParameters() + [("user_id", userID), ("consent", consent)]
            let response = try await fixture.postConsent(fields)
            #expect(response.status == 400)
            #expect(response.header("Location") == nil)
            #expect(await fixture.counters.authorizationCodesIssued == 0)
        }
    }

    @Test("the whole flow works over a socket, as a browser and a client see it")
    func overSocket() async throws {
        try await EmulatorFixture.with(connection: .socket) { fixture in
            let answer = try await fixture.grantConsent(fixture.authorizationParameters(), userID: "44444")
            #expect(answer.status == 302)
            let code = try #require(EmulatorFixture.redirectQuery(of: answer)["code"])
            let response = try await fixture.postToken(fixture.authorizationCodeForm(code: code))
            #expect(response.status == 200)
            let token = try #require(try response.jsonObject()["access_token"]?.stringValue)
            let user = try await fixture.currentUser(
                AccessToken(value: token, expiresAt: Date().addingTimeInterval(3600)))
            #expect(user.name == "Bob Demo")
        }
    }
}
