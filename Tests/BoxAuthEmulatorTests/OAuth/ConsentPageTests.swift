import BoxAuth
import BoxAuthEmulator
import BoxAuthTestSupport
import Foundation
import Testing

@Suite("Consent page")
struct ConsentPageTests {
    @Test("shows the app, the users with the first selected, one form carrying the request, and both buttons")
    func content() async throws {
        try await EmulatorFixture.with { fixture in
            var app = try EmulatedApp(config: fixture.config, knownUserIDs: Set(TestIdentity.userNames.keys))
            app.userNames = TestIdentity.userNames
            app.displayName = "Demo Uploader"
            await fixture.emulator.register(app)
            let parameters = fixture.authorizationParameters(scope: "root_readwrite")
            let response = try await fixture.getAuthorizationPage(parameters)
            #expect(response.status == 200)
            #expect(response.header("Content-Type") == "text/html; charset=utf-8")
            let html = String(decoding: response.body, as: UTF8.self)
            #expect(html.contains("Demo Uploader wants to access your Box account"))
            #expect(html.contains("Alice Demo (33333)"))
            #expect(html.contains("Bob Demo (44444)"))
            #expect(html.components(separatedBy: "<form").count == 2)
            #expect(html.contains(#"<select name="user_id""#))
            #expect(
                html.contains(#"<button type="submit" name="consent" value="grant" id="grant">Grant access</button>"#))
            #expect(html.contains(#"<button type="submit" name="consent" value="deny" id="deny">Deny</button>"#))
            let form = try ConsentForm(html: html)
            #expect(form.userIDs == ["33333", "44444"])
            #expect(form.selectedUserID == "33333")
            #expect(form.hiddenFields.map(\.0) == parameters.map(\.0))
            #expect(form.hiddenFields.map(\.1) == parameters.map(\.1))
        }
    }

    @Test("escapes the app's name, the users' names and every carried value")
    func escaping() async throws {
        try await EmulatorFixture.with { fixture in
            var app = try EmulatedApp(config: fixture.config, knownUserIDs: ["33333"])
            app.userNames = ["33333": "<b>Eve</b> & \"friends\""]
            app.displayName = "<script>alert('app')</script>"
            await fixture.emulator.register(app)
            let state = #""><script>alert(1)</script>&'"#
            let response = try await fixture.getAuthorizationPage(fixture.authorizationParameters(state: state))
            let html = String(decoding: response.body, as: UTF8.self)
            #expect(!html.contains("<script>"))
            #expect(!html.contains("<b>Eve"))
            #expect(html.contains("&lt;script&gt;alert(&#39;app&#39;)&lt;/script&gt;"))
            #expect(html.contains("&lt;b&gt;Eve&lt;/b&gt; &amp; &quot;friends&quot;"))
            #expect(html.contains(#"value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;&#39;""#))
            // What a browser posts back is the state as sent.
            #expect(try ConsentForm(html: html).hiddenFields.first { $0.0 == "state" }?.1 == state)
        }
    }

    @Test("an app with no users gets a 400 page saying so")
    func noUsers() async throws {
        try await EmulatorFixture.with { fixture in
            await fixture.emulator.register(try EmulatedApp(config: fixture.config))
            let response = try await fixture.getAuthorizationPage(fixture.authorizationParameters())
            #expect(response.status == 400)
            #expect(response.header("Location") == nil)
            #expect(String(decoding: response.body, as: UTF8.self).contains("knownUserIDs"))
        }
    }
}
