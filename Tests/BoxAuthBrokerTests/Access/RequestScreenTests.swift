@testable import BoxAuthBroker
import Testing

@Suite("Broker request screen (SSRF and browsers)")
struct RequestScreenTests {
    @Test(
        "Requests a browser or a relaying server could send are refused with 403 before anything else",
        arguments: [
            [("host", "localhost")],
            [("box-auth-broker", "true"), ("host", "localhost")],
            [("box-auth-broker", "1"), ("box-auth-broker", "1"), ("host", "localhost")],
            [("box-auth-broker", "1"), ("host", "localhost"), ("x-forwarded-for", "10.0.0.1")],
            [("box-auth-broker", "1"), ("host", "localhost"), ("forwarded", "for=10.0.0.1")],
            [("box-auth-broker", "1"), ("host", "localhost"), ("origin", "https://evil.example")],
            [("box-auth-broker", "1"), ("host", "evil.example")],
            [("box-auth-broker", "1"), ("host", "169.254.169.254")],
            [("box-auth-broker", "1"), ("host", "localhost.evil.example")],
            [("box-auth-broker", "1"), ("host", "127.0.0.1.nip.io")],
            [("box-auth-broker", "1"), ("host", "[::1]x")],
            [("box-auth-broker", "1"), ("host", "localhost:80x")],
        ])
    func refused(headers: [(String, String)]) async throws {
        try await BrokerFixture.with { broker in
            let request = BrokerRequest(
                method: "GET", path: "/v1/profiles/service/token",
                headers: headers.map { (name: $0.0, value: $0.1) }, listener: .socket, peer: BrokerFixture.owner)
            let response = await broker.send(request)
            #expect(response.status == 403)
            #expect(response.errorCode == "forbidden_request")
            #expect(await broker.tokenRequests == 0)
        }
    }

    @Test(
        "Loopback hosts, with or without a port, pass; an empty Host only on the socket",
        arguments: ["localhost", "127.0.0.1", "[::1]", "localhost:8080", "127.0.0.1:1", "[::1]:443", "LOCALHOST"])
    func accepted(host: String) throws {
        let request = BrokerRequest(
            method: "GET", path: "/v1/health", headers: [("box-auth-broker", "1"), ("host", host)], listener: .tcp)
        try RequestScreen.check(request)
    }

    @Test("A request without Host passes on the socket and is refused on TCP")
    func missingHost() throws {
        try RequestScreen.check(BrokerRequest(method: "GET", path: "/", headers: [("box-auth-broker", "1")], listener: .socket))
        #expect(throws: BrokerFailure.self) {
            try RequestScreen.check(BrokerRequest(method: "GET", path: "/", headers: [("box-auth-broker", "1")], listener: .tcp))
        }
    }
}
