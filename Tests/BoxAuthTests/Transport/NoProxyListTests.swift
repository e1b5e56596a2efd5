import BoxAuth
import Foundation
import Testing

@Suite("NoProxyList")
struct NoProxyListTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let noProxy: String
        let url: String
        let bypasses: Bool
        var testDescription: String { "'\(noProxy)' \(bypasses ? "bypasses" : "keeps") \(url)" }
    }

    static let cases: [Case] = [
        Case(noProxy: "", url: "https://api.box.com/oauth2/token", bypasses: false),
        Case(noProxy: "*", url: "https://api.box.com/oauth2/token", bypasses: true),
        Case(noProxy: "api.box.com", url: "https://api.box.com/oauth2/token", bypasses: true),
        Case(noProxy: "box.com", url: "https://api.box.com/oauth2/token", bypasses: true),
        Case(noProxy: ".box.com", url: "https://api.box.com/oauth2/token", bypasses: true),
        Case(noProxy: "*.box.com", url: "https://api.box.com/oauth2/token", bypasses: true),
        Case(noProxy: ".box.com", url: "https://box.com/", bypasses: true),
        Case(noProxy: "box.com", url: "https://notbox.com/", bypasses: false),
        Case(noProxy: "ox.com", url: "https://api.box.com/", bypasses: false),
        Case(noProxy: "BOX.COM", url: "https://API.Box.com/", bypasses: true),
        Case(noProxy: "example.com, box.com", url: "https://api.box.com/", bypasses: true),
        Case(noProxy: "example.com box.com", url: "https://api.box.com/", bypasses: true),
        Case(noProxy: "example.com,,  ,other.org", url: "https://api.box.com/", bypasses: false),
        Case(noProxy: "box.com:443", url: "https://api.box.com/", bypasses: true),
        Case(noProxy: "box.com:8443", url: "https://api.box.com/", bypasses: false),
        Case(noProxy: "box.com:8443", url: "https://api.box.com:8443/", bypasses: true),
        Case(noProxy: "box.com:80", url: "http://api.box.com/", bypasses: true),
        Case(noProxy: "127.0.0.1", url: "http://127.0.0.1:8080/oauth2/token", bypasses: true),
        Case(noProxy: "127.0.0.1:9090", url: "http://127.0.0.1:8080/", bypasses: false),
        Case(noProxy: "0.0.1", url: "http://127.0.0.1/", bypasses: false),
        Case(noProxy: "10.0.0.1", url: "http://10.0.0.12/", bypasses: false),
        Case(noProxy: "::1", url: "http://[::1]:8080/", bypasses: true),
        Case(noProxy: "[::1]", url: "http://[::1]:8080/", bypasses: true),
        Case(noProxy: "[::1]:8080", url: "http://[::1]:8080/", bypasses: true),
        Case(noProxy: "[::1]:9090", url: "http://[::1]:8080/", bypasses: false),
        Case(noProxy: "localhost", url: "http://localhost:8080/", bypasses: true),
        Case(noProxy: "localhost", url: "http://127.0.0.1:8080/", bypasses: false),
        Case(noProxy: "box.com.", url: "https://api.box.com./", bypasses: true),
        Case(noProxy: "box.com:notaport", url: "https://api.box.com/", bypasses: false),
    ]

    @Test("matching", arguments: cases)
    func matching(_ test: Case) throws {
        let url = try #require(URL(string: test.url))
        #expect(NoProxyList(test.noProxy).bypasses(url) == test.bypasses)
    }

    @Test("description lists the normalised entries")
    func description() {
        #expect(NoProxyList(" .Example.com, *.box.com:443 [::1]:80 * ").description == "*,example.com,box.com:443,[::1]:80")
    }
}
