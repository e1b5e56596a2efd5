import BoxAuth
import Foundation
import Testing

@Suite("FormEncoding")
struct FormEncodingTests {
    func text(_ fields: [(String, String)]) -> String {
        String(decoding: FormEncoding.encode(fields), as: UTF8.self)
    }

    @Test("encodes a JWT grant body in order")
    func jwtGrant() {
        let body = text([
            ("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"),
            ("assertion", "eyJh.eyJp.c2ln-_"),
            ("client_id", "test-client-id"),
        ])
        #expect(
            body
                == "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=eyJh.eyJp.c2ln-_&client_id=test-client-id"
        )
    }

    @Test(
        "percent-encodes everything but unreserved characters",
        arguments: [
            ("a b", "a%20b"), ("1+1", "1%2B1"), ("a&b=c", "a%26b%3Dc"), ("%41", "%2541"),
            ("/?#[]@", "%2F%3F%23%5B%5D%40"),
            ("é", "%C3%A9"), ("🔑", "%F0%9F%94%91"), ("AZaz09-._~", "AZaz09-._~"), ("\n", "%0A"), ("", ""),
        ])
    func encodesValue(value: String, expected: String) {
        #expect(text([("v", value)]) == "v=\(expected)")
        #expect(text([(value, "x")]) == "\(expected)=x")
    }

    static let awkwardValues = [
        "plain", "with space", "  leading and trailing  ", "1+1=2", "a&b=c;d", "100%", "%2B", "%zz",
        "https://api.box.com/oauth2/token?x=1&y=2#frag", "quote\"apostrophe'", "new\nline\ttab", "é漢字🔑", "",
        "~-._", "!$'()*,;:@/?",
    ]

    @Test("decode(encode(fields)) gives the fields back", arguments: awkwardValues)
    func roundTrip(value: String) {
        let fields = [("name", value), (value, "value"), ("other", "x")]
        let decoded = FormEncoding.decode(FormEncoding.encode(fields))
        #expect(decoded.map(\.0) == fields.map(\.0))
        #expect(decoded.map(\.1) == fields.map(\.1))
    }

    @Test("the encoded body holds only unreserved characters and the separators", arguments: awkwardValues)
    func encodedAlphabet(value: String) {
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~%=&")
        #expect(text([("name", value)]).allSatisfy(allowed.contains))
    }

    @Test("decode reads + as a space and %2B as a plus")
    func decodesPlus() {
        let decoded = FormEncoding.decode(Data("a=1+2&b=1%2B2&c=%20".utf8))
        #expect(decoded.map(\.0) == ["a", "b", "c"])
        #expect(decoded.map(\.1) == ["1 2", "1+2", " "])
    }

    @Test("decode tolerates empty pairs, missing values and = in values")
    func decodesLooseForms() {
        let decoded = FormEncoding.decode(Data("a&&b=&c=x=y&".utf8))
        #expect(decoded.map(\.0) == ["a", "b", "c"])
        #expect(decoded.map(\.1) == ["", "", "x=y"])
        #expect(FormEncoding.decode(Data()).isEmpty)
    }

    @Test("fields keep their order and repeats")
    func order() {
        let fields = [("b", "2"), ("a", "1"), ("b", "3")]
        let decoded = FormEncoding.decode(FormEncoding.encode(fields))
        #expect(decoded.map(\.0) == ["b", "a", "b"])
        #expect(decoded.map(\.1) == ["2", "1", "3"])
    }
}
