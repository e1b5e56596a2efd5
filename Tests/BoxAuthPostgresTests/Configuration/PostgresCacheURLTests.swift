import BoxAuth
import BoxAuthPostgres
import Testing

@Suite("PostgresCacheURL")
struct PostgresCacheURLTests {
    @Test("a loopback URL without sslmode connects without TLS; its description hides the password")
    func loopback() throws {
        let url = try PostgresCacheURL("postgres://box:s%40cret@127.0.0.1:5433/tokens")
        #expect(url.host == "127.0.0.1")
        #expect(url.port == 5433)
        #expect(url.username == "box")
        #expect(url.password?.exposedValue == "s@cret")
        #expect(url.database == "tokens")
        #expect(url.tlsMode == .disable)
        #expect(!url.description.contains("s@cret"))
        #expect(url.tlsConfiguration() == nil)
    }

    @Test(
        "sslmode maps to certificate checks",
        arguments: [
            ("require", PostgresCacheURL.TLSMode.require), ("verify-ca", .verifyCA), ("verify-full", .verifyFull),
        ])
    func sslModes(text: String, mode: PostgresCacheURL.TLSMode) throws {
        let url = try PostgresCacheURL("postgresql://box@db.example.com/tokens?sslmode=\(text)")
        #expect(url.tlsMode == mode)
        #expect(url.tlsConfiguration() != nil)
    }

    @Test(
        "refused URLs say why and never repeat the password",
        arguments: [
            "postgres://box:hunter2@db.example.com/tokens",
            "postgres://box:hunter2@127.0.0.1/tokens?sslmode=prefer",
            "postgres://box:hunter2@127.0.0.1/tokens?table=x",
            "mysql://box:hunter2@127.0.0.1/tokens",
            "postgres://127.0.0.1/tokens",
        ])
    func refused(text: String) {
        do {
            _ = try PostgresCacheURL(text)
            Issue.record("accepted \(text)")
        } catch {
            #expect(!error.description.contains("hunter2"))
            #expect(error.description.contains("postgres://USER"))
        }
    }
}
