import BoxAuth
import BoxAuthTestSupport
import BoxAuthClientCredentials
import BoxAuthJWT
import Foundation
import Testing

/// The exact form each grant posts to the token endpoint, captured by a fake transport.
@Suite("Grant forms")
struct GrantFormTests {
    @Test("the JWT grant sends grant_type, assertion, client_id, client_secret", arguments: JWTAlgorithm.allCases)
    func jwtGrant(algorithm: JWTAlgorithm) async throws {
        let transport = ScriptedTransport(.token("T"))
        let key = try TestKeys.primary
        let credentials = JWTAppCredentials(
            clientID: "abc123", clientSecret: Secret("s3cret/+="), publicKeyID: "kid-1", privateKey: key,
            enterpriseID: "1234567")
        let grant = JWTGrant(
            credentials: credentials, subject: .enterprise("1234567"), algorithm: algorithm,
            endpoint: try TokenEndpoint(transport: transport))
        let before = Int64(Date().timeIntervalSince1970)
        _ = try await grant.fetchToken()

        let form = try #require(transport.forms.first)
        #expect(form.map(\.0) == ["grant_type", "assertion", "client_id", "client_secret"])
        #expect(form[0].1 == "urn:ietf:params:oauth:grant-type:jwt-bearer")
        #expect(form[2].1 == "abc123")
        #expect(form[3].1 == "s3cret/+=")
        let raw = try #require(transport.bodies.first)
        #expect(raw.hasPrefix("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion="))
        #expect(raw.hasSuffix("&client_id=abc123&client_secret=s3cret%2F%2B%3D"))

        let jwt = try DecodedJWT(compact: form[1].1)
        #expect(jwt.algorithm == algorithm)
        #expect(jwt.header["kid"] == .string("kid-1"))
        #expect(jwt.isSignatureValid(with: try key.publicKey))
        #expect(jwt.claims["iss"] == .string("abc123"))
        #expect(jwt.claims["sub"] == .string("1234567"))
        #expect(jwt.claims["box_sub_type"] == .string("enterprise"))
        #expect(jwt.claims["aud"] == .string("https://api.box.com/oauth2/token"))
        let jti = try #require(jwt.claims["jti"]?.stringValue)
        #expect((16...128).contains(jti.count))
        guard case .integer(let exp)? = jwt.claims["exp"] else {
            Issue.record("exp is not an integer")
            return
        }
        #expect(exp > before && exp <= before + 61)
    }

    @Test(
        "the client credentials grant sends grant_type, client_id, client_secret, box_subject_type, box_subject_id",
        arguments: [BoxSubject.enterprise("1234567"), .user("33333")])
    func clientCredentialsGrant(subject: BoxSubject) async throws {
        let transport = ScriptedTransport(.token("T"))
        let grant = ClientCredentialsGrant(
            credentials: ClientCredentials(clientID: "abc123", clientSecret: Secret("s3cret&x")), subject: subject,
            endpoint: try TokenEndpoint(transport: transport))
        _ = try await grant.fetchToken()

        let raw = try #require(transport.bodies.first)
        #expect(
            raw == "grant_type=client_credentials&client_id=abc123&client_secret=s3cret%26x"
                + "&box_subject_type=\(subject.kind.rawValue)&box_subject_id=\(subject.id)")
    }

    @Test("credentials never print their secrets")
    func redaction() throws {
        let key = try TestKeys.primary
        let jwt = JWTAppCredentials(
            clientID: "abc123", clientSecret: Secret("super-secret-1"), publicKeyID: "kid-1", privateKey: key,
            enterpriseID: nil)
        let client = ClientCredentials(clientID: "abc123", clientSecret: Secret("super-secret-2"))
        for text in ["\(jwt)", String(reflecting: jwt), "\(client)", String(reflecting: client)] {
            #expect(!text.contains("super-secret"))
            #expect(text.contains("abc123"))
        }
    }
}
