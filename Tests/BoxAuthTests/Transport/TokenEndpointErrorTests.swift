import BoxAuth
import Foundation
import Testing

@Suite("TokenEndpointError texts")
struct TokenEndpointErrorTests {
    static func isOneLine(_ text: String) -> Bool {
        !text.unicodeScalars.contains {
            $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}"
        }
    }

    @Test(
        "Box's error and error_description are shown with control characters escaped",
        arguments: [
            ("invalid_grant", "line one\nline two", "Box says invalid_grant: line one\\nline two."),
            ("invalid\u{1B}[2J_grant", "clear\u{7}bell\r", "Box says invalid\\u{1B}[2J_grant: clear\\u{7}bell\\r."),
            ("invalid_request", "para\u{2028}graph\ttab", "Box says invalid_request: para\\u{2028}graph\\ttab."),
        ])
    func escaped(error: String, description: String, shown: String) {
        let refusal = TokenEndpointError(
            code: .refused, status: 400, url: "https://api.box.com/oauth2/token", boxError: error,
            boxErrorDescription: description)
        #expect(Self.isOneLine(refusal.description), "\(refusal.description)")
        #expect(refusal.description.contains(shown), "\(refusal.description)")
        // The fields keep what Box sent.
        #expect(refusal.boxErrorDescription == description)
    }

    @Test("a redirect's Location is shown escaped")
    func redirectDetail() {
        let error = TokenEndpointError(
            code: .redirected, status: 302, url: "https://api.box.com/oauth2/token", detail: "to https://x/\n\u{1B}[31m"
        )
        #expect(Self.isOneLine(error.description))
        #expect(error.description.contains("to https://x/\\n\\u{1B}[31m"))
    }

    @Test("plain text is unchanged")
    func plain() {
        let error = TokenEndpointError(
            code: .refused, status: 400, url: "https://api.box.com/oauth2/token", boxError: "invalid_grant",
            boxErrorDescription: "Please check the 'sub' claim")
        #expect(
            error.description
                == "https://api.box.com/oauth2/token: HTTP 400, the token request was refused. Box says invalid_grant: "
                + "Please check the 'sub' claim. Check the enterpriseID or user ID, and that the app may act for it.")
    }
}
