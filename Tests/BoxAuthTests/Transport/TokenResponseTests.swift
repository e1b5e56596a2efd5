@testable import BoxAuth
import Foundation
import Testing

/// How the token endpoint's HTTP answers become tokens or typed errors.
@Suite("TokenResponse")
struct TokenResponseTests {
    static let url = "https://api.box.com/oauth2/token"
    static let receivedAt = Date(timeIntervalSince1970: 1_800_000_000)

    static func json(
        _ status: Int, _ body: String, contentType: String? = "application/json", headers: [String: String] = [:]
    ) -> TransportResponse {
        var headers = headers
        if let contentType { headers["Content-Type"] = contentType }
        return TransportResponse(status: status, headers: headers, body: Data(body.utf8))
    }

    func decode(_ response: TransportResponse) throws(TokenEndpointError) -> AccessToken {
        try TokenResponse.decode(response, url: Self.url, receivedAt: Self.receivedAt).accessToken
    }

    @Test("200 with a token: expiresAt is the receipt time plus expires_in")
    func token() throws {
        let token = try decode(
            Self.json(
                200, #"{"access_token": "T0KEN", "expires_in": 3600, "token_type": "bearer", "restricted_to": []}"#))
        #expect(token.value == "T0KEN")
        #expect(token.tokenType == "bearer")
        #expect(token.receivedAt == Self.receivedAt)
        #expect(token.expiresAt == Self.receivedAt.addingTimeInterval(3600))
        #expect(token.lifetime == 3600)
        #expect(token.restrictedTo.isEmpty)
    }

    @Test("restricted_to of a downscoped token is kept")
    func restrictedTo() throws {
        let body = #"""
            {"access_token": "T", "expires_in": 4169.5, "token_type": "bearer",
             "restricted_to": [{"scope": "item_preview", "object": {"id": "12345", "type": "file"}}]}
            """#
        let token = try decode(Self.json(200, body, contentType: "application/json; charset=utf-8"))
        #expect(token.expiresAt == Self.receivedAt.addingTimeInterval(4169.5))
        #expect(token.restrictedTo.count == 1)
        #expect(token.restrictedTo.first?.objectValue?["scope"] == .string("item_preview"))
    }

    @Test("token_type and restricted_to may be absent or null")
    func optionalFields() throws {
        let token = try decode(Self.json(200, #"{"access_token": "T", "expires_in": 60, "token_type": null}"#))
        #expect(token.tokenType == "bearer")
        #expect(token.restrictedTo.isEmpty)
    }

    /// A 2xx answer that is not a usable token response.
    struct Malformed: Sendable, CustomTestStringConvertible {
        let name: String
        let response: TransportResponse
        /// Text the error's detail must contain.
        let detail: String
        var testDescription: String { name }
    }

    static let malformed: [Malformed] = [
        Malformed(name: "no access_token", response: json(200, #"{"expires_in": 3600}"#), detail: "access_token"),
        Malformed(
            name: "empty access_token", response: json(200, #"{"access_token": "", "expires_in": 3600}"#),
            detail: "access_token"),
        Malformed(
            name: "access_token a number", response: json(200, #"{"access_token": 5, "expires_in": 3600}"#),
            detail: "access_token"),
        Malformed(name: "not JSON", response: json(200, "access_token=T&expires_in=3600"), detail: "not JSON"),
        Malformed(name: "a JSON array", response: json(200, "[1, 2]"), detail: "an array"),
        Malformed(
            name: "text/html", response: json(200, "<html>Sign in</html>", contentType: "text/html; charset=utf-8"),
            detail: "text/html"),
        Malformed(
            name: "no content type",
            response: json(200, #"{"access_token": "T", "expires_in": 3600}"#, contentType: nil),
            detail: "content type"),
        Malformed(name: "expires_in missing", response: json(200, #"{"access_token": "T"}"#), detail: "expires_in"),
        Malformed(
            name: "expires_in zero", response: json(200, #"{"access_token": "T", "expires_in": 0}"#),
            detail: "expires_in"),
        Malformed(
            name: "expires_in negative", response: json(200, #"{"access_token": "T", "expires_in": -5}"#),
            detail: "expires_in"),
        Malformed(
            name: "expires_in a string", response: json(200, #"{"access_token": "T", "expires_in": "3600"}"#),
            detail: "expires_in"),
        Malformed(
            name: "token_type a number",
            response: json(200, #"{"access_token": "T", "expires_in": 60, "token_type": 1}"#),
            detail: "token_type"),
        Malformed(
            name: "restricted_to an object",
            response: json(200, #"{"access_token": "T", "expires_in": 60, "restricted_to": {}}"#),
            detail: "restricted_to"),
    ]

    @Test("a 2xx that is not a token is .malformedResponse (category .unavailable)", arguments: malformed)
    func malformedResponse(_ malformed: Malformed) throws {
        let error = try #require(throws: TokenEndpointError.self) { try decode(malformed.response) }
        #expect(error.code == .malformedResponse)
        #expect(error.category == .unavailable)
        #expect(error.status == 200)
        #expect(error.url == Self.url)
        #expect(error.detail?.contains(malformed.detail) == true, "\(error.detail ?? "nil")")
        #expect("\(error)".contains("not a token response"))
        #expect(error.hint?.contains("baseURL") == true)
    }

    @Test("a malformed response's error never shows the token it carried")
    func malformedHidesToken() throws {
        let error = try #require(throws: TokenEndpointError.self) {
            try decode(Self.json(200, #"{"access_token": "SECRET-TOKEN-VALUE", "expires_in": "soon"}"#))
        }
        #expect(!"\(error)".contains("SECRET-TOKEN-VALUE"))
    }

    /// A refusal Box commonly sends, and the hint that goes with it.
    struct Refusal: Sendable, CustomTestStringConvertible {
        let error: String
        let description: String
        let hint: String
        var testDescription: String { "\(error): \(description)" }
    }

    static let refusals: [Refusal] = [
        Refusal(
            error: "unauthorized_client", description: "This app is not authorized by the enterprise admin",
            hint: "Admin Console"),
        Refusal(error: "invalid_client", description: "The client credentials are invalid", hint: "client secret"),
        Refusal(
            error: "invalid_grant",
            description: "Current date/time MUST be before the expiration date/time listed in the 'exp' claim",
            hint: "clock"),
        Refusal(
            error: "invalid_grant", description: "Please check the 'sub' claim. The 'sub' specified is invalid.",
            hint: "enterpriseID"),
        Refusal(
            error: "invalid_grant",
            description: "Please check the 'box_subject_id' parameter. The 'box_subject_id' specified is invalid.",
            hint: "user ID"),
        Refusal(
            error: "invalid_grant", description: "Please check the 'jti' claim. A unique 'jti' value is required.",
            hint: "'jti'"),
        Refusal(
            error: "invalid_grant",
            description: "Please check the 'kid' header. It must be the ID of a public key added to this app.",
            hint: "publicKeyID"),
        Refusal(error: "invalid_grant", description: "Signature verification error.", hint: "publicKeyID"),
    ]

    @Test(
        "400 with Box's error shape is .refused, keeping error and error_description, with a hint", arguments: refusals)
    func refused(_ refusal: Refusal) throws {
        let body = String(
            decoding: try JSONEncoder().encode(["error": refusal.error, "error_description": refusal.description]),
            as: UTF8.self)
        let error = try #require(throws: TokenEndpointError.self) { try decode(Self.json(400, body)) }
        #expect(error.code == .refused)
        #expect(error.category == .refused)
        #expect(error.status == 400)
        #expect(error.boxError == refusal.error)
        #expect(error.boxErrorDescription == refusal.description)
        #expect(error.hint?.contains(refusal.hint) == true, "\(error.hint ?? "no hint")")
        let text = "\(error)"
        #expect(text.contains("HTTP 400"))
        #expect(text.contains(refusal.error))
        #expect(text.contains(refusal.description))
        #expect(text.contains(refusal.hint))
    }

    @Test("a refusal without Box's shape is still .refused", arguments: [400, 401, 403, 404])
    func refusedWithoutBody(status: Int) throws {
        let error = try #require(throws: TokenEndpointError.self) {
            try decode(Self.json(status, "<html>nope</html>", contentType: "text/html"))
        }
        #expect(error.code == .refused)
        #expect(error.status == status)
        #expect(error.boxError == nil)
        #expect(error.boxErrorDescription == nil)
        #expect("\(error)".contains("HTTP \(status)"))
    }

    @Test("429 is .rateLimited with Retry-After kept")
    func rateLimited() throws {
        let error = try #require(throws: TokenEndpointError.self) {
            try decode(Self.json(429, #"{"error": "rate_limit_exceeded"}"#, headers: ["Retry-After": "30"]))
        }
        #expect(error.code == .rateLimited)
        #expect(error.category == .unavailable)
        #expect(error.retryAfter == "30")
        #expect(error.hint?.contains("rate limiting") == true)
        #expect("\(error)".contains("429"))
    }

    @Test("5xx is .serverError", arguments: [500, 502, 503])
    func serverError(status: Int) throws {
        let error = try #require(throws: TokenEndpointError.self) {
            try decode(Self.json(status, "upstream failed", contentType: "text/plain", headers: ["Retry-After": "5"]))
        }
        #expect(error.code == .serverError)
        #expect(error.category == .unavailable)
        #expect(error.status == status)
        #expect(error.retryAfter == "5")
        #expect(error.hint?.contains("try again later") == true)
    }

    @Test("a redirect is not followed: .redirected naming where it pointed", arguments: [301, 302, 307, 308])
    func redirect(status: Int) throws {
        let response = TransportResponse(
            status: status, headers: ["Location": "https://elsewhere.example/oauth2/token"])
        let error = try #require(throws: TokenEndpointError.self) { try decode(response) }
        #expect(error.code == .redirected)
        #expect(error.category == .unavailable)
        #expect(error.status == status)
        #expect(error.detail?.contains("https://elsewhere.example/oauth2/token") == true)
        #expect(error.hint?.contains("baseURL") == true)
        let text = "\(error)"
        #expect(text.contains("redirect"))
        #expect(text.contains("not followed"))
    }

    @Test("a refusal keeps the server's Date header, for clock-skew correction")
    func serverDate() throws {
        let error = try #require(throws: TokenEndpointError.self) {
            try decode(
                Self.json(
                    400, #"{"error": "invalid_grant", "error_description": "Please check the 'exp' claim."}"#,
                    headers: ["Date": "Sun, 06 Nov 2033 08:49:37 GMT"]))
        }
        #expect(error.serverDate == "Sun, 06 Nov 2033 08:49:37 GMT")
        #expect(error.isExpirationRefusal)
        #expect(!error.isJWTIDRefusal)
    }
}

@Suite("TokenResponse refresh tokens")
struct TokenResponseRefreshTokenTests {
    static let url = "https://api.box.com/oauth2/token"

    func response(_ body: String) -> TransportResponse {
        TransportResponse(status: 200, headers: ["Content-Type": "application/json"], body: Data(body.utf8))
    }

    @Test("refresh_token is read when present and redacted when printed")
    func refreshToken() throws {
        let decoded = try TokenResponse.decode(
            response(#"{"access_token":"at","expires_in":3600,"refresh_token":"rt-secret"}"#), url: Self.url,
            receivedAt: Date())
        #expect(decoded.refreshToken?.exposedValue == "rt-secret")
        #expect(!String(describing: decoded.refreshToken as Any).contains("rt-secret"))
    }

    @Test("no refresh_token for the app grants; a non-string one is malformed")
    func absentOrMalformed() throws {
        let plain = try TokenResponse.decode(
            response(#"{"access_token":"at","expires_in":3600}"#), url: Self.url, receivedAt: Date())
        #expect(plain.refreshToken == nil)
        #expect(throws: TokenEndpointError.self) {
            try TokenResponse.decode(
                response(#"{"access_token":"at","expires_in":3600,"refresh_token":7}"#), url: Self.url,
                receivedAt: Date())
        }
    }
}
