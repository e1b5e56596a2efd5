@_spi(Plumbing) import BoxAuth
import Testing

@Suite("DecodedJWT")
struct DecodedJWTTests {
    static let header = Base64URL.encode(Array(#"{"alg":"RS256","typ":"JWT","kid":"k"}"#.utf8))
    static let claims = Base64URL.encode(Array(#"{"iss":"a","exp":1}"#.utf8))

    @Test("takes a token apart without checking the signature")
    func parses() throws {
        let decoded = try DecodedJWT(compact: "\(Self.header).\(Self.claims).AQID")
        #expect(decoded.header["kid"] == .string("k"))
        #expect(decoded.claims == ["iss": .string("a"), "exp": .integer(1)])
        #expect(decoded.signature == [1, 2, 3])
        #expect(decoded.signingInput == Array("\(Self.header).\(Self.claims)".utf8))
        #expect(decoded.algorithm == .rs256)
    }

    @Test(
        "refuses text that is not three base64url parts of JSON objects",
        arguments: [
            "", "abc", "a.b", "a.b.c.d",
            "!!!.\(DecodedJWTTests.claims).AQID",
            "\(DecodedJWTTests.header).\(DecodedJWTTests.claims).AQ=D",
            "\(Base64URL.encode(Array("[]".utf8))).\(DecodedJWTTests.claims).AQID",
            "\(DecodedJWTTests.header).\(Base64URL.encode(Array("not json".utf8))).AQID",
            "\(DecodedJWTTests.header).\(Base64URL.encode(Array("\"a string\"".utf8))).AQID",
        ])
    func refusesMalformed(compact: String) {
        #expect(throws: DecodedJWT.FormatError.self) { try DecodedJWT(compact: compact) }
    }
}
