import BoxAuth
import Foundation
import Testing

@Suite("ProxyConfiguration")
struct ProxyConfigurationTests {
    let boxToken = URL(string: "https://api.box.com/oauth2/token")!
    let plainToken = URL(string: "http://127.0.0.1:8080/oauth2/token")!

    @Test("HTTPS_PROXY for https URLs, HTTP_PROXY for http URLs, NO_PROXY bypasses")
    func schemes() throws {
        let proxies = try ProxyConfiguration(environment: [
            "HTTPS_PROXY": "http://secure.proxy:3128", "HTTP_PROXY": "plain.proxy:8080", "NO_PROXY": "internal",
        ])
        #expect(proxies.proxy(for: boxToken)?.description == "http://secure.proxy:3128")
        #expect(proxies.proxy(for: plainToken)?.description == "http://plain.proxy:8080")
        #expect(proxies.proxy(for: URL(string: "https://vault.internal/")!) == nil)
        #expect(proxies.proxy(for: URL(string: "ftp://api.box.com/")!) == nil)
    }

    @Test("lower-case variables win over upper-case ones; empty values count as unset")
    func caseAndEmpty() throws {
        let proxies = try ProxyConfiguration(environment: [
            "https_proxy": "http://lower:1", "HTTPS_PROXY": "http://upper:2", "http_proxy": "", "HTTP_PROXY": "http://up:3",
            "no_proxy": "", "NO_PROXY": "api.box.com",
        ])
        #expect(proxies.httpsProxy?.description == "http://lower:1")
        #expect(proxies.httpProxy?.description == "http://up:3")
        #expect(proxies.proxy(for: boxToken) == nil)
    }

    @Test("no variables: every request goes direct")
    func direct() throws {
        #expect(try ProxyConfiguration(environment: ["PATH": "/usr/bin"]) == .direct)
        #expect(ProxyConfiguration.direct.proxy(for: boxToken) == nil)
    }

    @Test(
        "a variable that is not an http:// proxy URL is a configuration error that does not repeat it",
        arguments: ["socks5://u:secret-pw@host:1080", "https://u:secret-pw@host:443", "http://u:secret-pw@host:99999",
                    "http://u:secret-pw@host/path"])
    func invalid(value: String) throws {
        let error = try #require(throws: ConfigurationError.self) {
            try ProxyConfiguration(environment: ["HTTPS_PROXY": value])
        }
        #expect(error.description.contains("HTTPS_PROXY"))
        #expect(!error.description.contains("secret-pw"))
    }

    @Test("credentials are read from the URL, percent-decoded, and never described")
    func credentials() throws {
        let server = try #require(ProxyServer(url: "http://us%40er:p%3Ass@proxy.corp:3128"))
        #expect(server.username?.exposedValue == "us@er")
        #expect(server.password?.exposedValue == "p:ss")
        #expect(server.basicAuthorization?.exposedValue == "Basic " + Data("us@er:p:ss".utf8).base64EncodedString())
        for text in ["\(server)", String(reflecting: server), "\(ProxyConfiguration(httpsProxy: server))"] {
            #expect(!text.contains("p:ss") && !text.contains("p%3Ass") && !text.contains("us@er"))
        }
        var dumped = ""
        dump(server, to: &dumped)
        #expect(!dumped.contains("p:ss"))
        #expect(ProxyServer(url: "http://[::1]:3128")?.description == "http://[::1]:3128")
        #expect(ProxyServer(url: "proxy.corp")?.port == 80)
    }
}
