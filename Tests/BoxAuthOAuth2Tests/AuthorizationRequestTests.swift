@testable import BoxAuthOAuth2
@_spi(Plumbing) import BoxAuth
import Foundation
import Testing

/// The authorization address, its state and PKCE verifier, and how callbacks are checked.
@Suite("AuthorizationRequest")
struct AuthorizationRequestTests {
    static let authorize = URL(string: "https://account.box.com/api/oauth2/authorize")!
    static let redirect = URL(string: "http://127.0.0.1:53682/callback")!

    static func request(scopes: [String] = []) throws -> AuthorizationRequest {
        try AuthorizationRequest(authorizeURL: authorize, clientID: "client-1", redirectURI: redirect, scopes: scopes)
    }

    @Test("the address carries response_type, client_id, redirect_uri, state, an S256 challenge and the scopes")
    func address() throws {
        let request = try Self.request(scopes: ["root_readwrite", "manage_webhook"])
        let items = AuthorizationRequest.callbackParameters(of: request.url)
        #expect(request.url.absoluteString.hasPrefix("https://account.box.com/api/oauth2/authorize?"))
        #expect(items["response_type"] == "code")
        #expect(items["client_id"] == "client-1")
        #expect(items["redirect_uri"] == Self.redirect.absoluteString)
        #expect(items["state"] == request.state)
        #expect(items["code_challenge_method"] == "S256")
        #expect(items["code_challenge"] == PKCE.challenge(for: request.codeVerifier))
        #expect(items["scope"] == "root_readwrite manage_webhook")
        #expect(!request.url.absoluteString.contains(request.codeVerifier.exposedValue))
    }

    @Test("state has 256 random bits and differs every time; the verifier is 43 characters")
    func randomness() throws {
        let first = try Self.request()
        let second = try Self.request()
        #expect(Base64URL.decode(first.state)?.count == 32)
        #expect(first.state != second.state)
        #expect(first.codeVerifier.exposedValue.count == 43)
        #expect(first.codeVerifier != second.codeVerifier)
        #expect(AuthorizationRequest.callbackParameters(of: first.url)["scope"] == nil)
    }

    @Test("S256 is BASE64URL(SHA256(verifier)) without padding")
    func challengeVector() {
        // Computed independently: python3 -c "import hashlib,base64; print(base64.urlsafe_b64encode(
        // hashlib.sha256(b'abcdefghijklmnopqrstuvwxyz0123456789-._~ABC').digest()).rstrip(b'='))"
        #expect(
            PKCE.challenge(for: Secret("abcdefghijklmnopqrstuvwxyz0123456789-._~ABC"))
                == "01ZMlLDptILCmAeK1WZ14Du9xRCvfr-aPWvX7e4Hk4U")
    }

    @Test("a callback with another state is refused before anything else is read")
    func stateMismatch() throws {
        let request = try Self.request()
        for parameters in [["code": "c"], ["code": "c", "state": "forged"], ["error": "access_denied", "state": "x"]] {
            #expect(throws: OAuth2Error(code: .stateMismatch, profile: "me")) {
                try request.callbackCode(from: parameters, profile: "me")
            }
        }
    }

    @Test("denial, other errors and a missing code")
    func callbackErrors() throws {
        let request = try Self.request()
        let denied = #expect(throws: OAuth2Error.self) {
            try request.callbackCode(from: ["error": "access_denied", "state": request.state], profile: "me")
        }
        #expect(denied?.code == .accessDenied)
        #expect(denied?.description.contains("box-auth login --profile me") == true)
        let other = #expect(throws: OAuth2Error.self) {
            try request.callbackCode(from: ["error": "server_error", "state": request.state])
        }
        #expect(other?.code == .codeRefused)
        #expect(throws: OAuth2Error(code: .invalidCallback, profile: nil)) {
            try request.callbackCode(from: ["state": request.state])
        }
        #expect(try request.callbackCode(from: ["code": "abc", "state": request.state]) == "abc")
    }

    @Test("the login command in messages quotes a profile name that needs it")
    func loginCommand() {
        #expect(OAuth2Error(code: .notSignedIn, profile: "me").loginCommand == "box-auth login --profile me")
        #expect(OAuth2Error(code: .notSignedIn, profile: "my box").loginCommand == "box-auth login --profile 'my box'")
    }
}
