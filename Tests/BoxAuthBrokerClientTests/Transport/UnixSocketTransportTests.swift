import BoxAuth
import BoxAuthBrokerClient
import BoxAuthProviders
import BoxAuthTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `UnixSocketTransport` against a real Unix socket served by `BrokerStandIn`.
@Suite("UnixSocketTransport")
struct UnixSocketTransportTests {
    static func request(
        _ path: String, method: String = "GET", body: Data? = nil, timeout: TimeInterval = 30
    )
        -> TransportRequest
    {
        TransportRequest(
            method: method, url: URL(string: "http://localhost\(path)")!,
            headers: [("Box-Auth-Broker", "1"), ("Host", "localhost"), ("X-Test", "")], body: body, timeout: timeout)
    }

    @Test("a GET reaches the socket with its headers; status, headers and body come back")
    func get() async throws {
        try await BrokerStandIn.with { broker in
            let transport = UnixSocketTransport(socketPath: broker.socketPath)
            let response = try await transport.send(Self.request("/v1/profiles/service/token"))
            #expect(response.status == 200)
            #expect(response.header("Content-Type") == "application/json")
            #expect(response.header("cache-control") == "no-store")
            let body = try JSONDecoder().decode([String: String].self, from: response.body)
            #expect(body["access_token"] == "socket-token-1")
            let seen = try #require(broker.requests.first)
            #expect(seen.method == "GET")
            #expect(seen.path == "/v1/profiles/service/token")
            #expect(seen.profile == "service")
            #expect(seen.headers["box-auth-broker"] == "1")
            #expect(seen.headers["x-test"] == "")
            #expect(seen.host == "localhost")
        }
    }

    @Test("a POST sends its body")
    func post() async throws {
        try await BrokerStandIn.with { broker in
            let transport = UnixSocketTransport(socketPath: broker.socketPath)
            let response = try await transport.send(
                Self.request(
                    "/v1/profiles/service/invalidate", method: "POST", body: Data(#"{"access_token": "abc"}"#.utf8)))
            #expect(response.status == 204)
            #expect(response.body.isEmpty)
            let seen = try #require(broker.requests.first)
            #expect(seen.method == "POST")
            #expect(seen.body == #"{"access_token": "abc"}"#)
        }
    }

    @Test("a redirect comes back as it is, not followed")
    func redirect() async throws {
        try await BrokerStandIn.with { broker in
            let response = try await UnixSocketTransport(socketPath: broker.socketPath).send(Self.request("/redirect"))
            #expect(response.status == 302)
            #expect(response.header("location") == "/v1/profiles/service/token")
            #expect(broker.requests.count == 1)
        }
    }

    @Test("a body past the size limit ends the transfer with responseTooLarge")
    func tooLarge() async throws {
        try await BrokerStandIn.with { broker in
            let error = try await #require(throws: TransportError.self) {
                try await UnixSocketTransport(socketPath: broker.socketPath).send(Self.request("/big"))
            }
            #expect(error.code == .responseTooLarge)
            #expect(error.detail.contains(broker.socketPath))
        }
    }

    @Test("a server that never answers: timedOut after the request's timeout, naming the socket")
    func timeout() async throws {
        try await BrokerStandIn.with { broker in
            let error = try await #require(throws: TransportError.self) {
                try await UnixSocketTransport(socketPath: broker.socketPath).send(Self.request("/hang", timeout: 0.2))
            }
            #expect(error.code == .timedOut)
            #expect("\(error)".contains(broker.socketPath))
        }
    }

    @Test("cancelling the caller aborts the transfer with CancellationError")
    func cancellation() async throws {
        try await BrokerStandIn.with { broker in
            let transport = UnixSocketTransport(socketPath: broker.socketPath)
            let task = Task { try await transport.send(Self.request("/hang")) }
            while broker.hang.held < 1 { await Task.yield() }
            task.cancel()
            await #expect(throws: CancellationError.self) { try await task.value }
        }
    }

    @Test("no socket at the path: connectionFailed naming the path")
    func missingSocket() async throws {
        try await TemporaryDirectory.with { folder in
            let path = folder.url.appendingPathComponent("absent.sock").path
            let error = try await #require(throws: TransportError.self) {
                try await UnixSocketTransport(socketPath: path).send(Self.request("/v1/health"))
            }
            #expect(error.code == .connectionFailed)
            #expect("\(error)".contains(path))
            #expect("\(error)".contains("no socket"))
        }
    }

    @Test("a socket nobody listens on: connectionFailed naming the path")
    func deadSocket() async throws {
        try await TemporaryDirectory.with { folder in
            let path = folder.url.appendingPathComponent("dead.sock").path
            // Bound, so the socket file exists, but not listening: connecting is refused.
            let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
            try #require(descriptor >= 0)
            defer { close(descriptor) }
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            withUnsafeMutableBytes(of: &address.sun_path) { bytes in
                bytes.initializeMemory(as: UInt8.self, repeating: 0)
                bytes.copyBytes(from: Array(path.utf8))
            }
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
                }
            }
            try #require(bound == 0)
            let error = try await #require(throws: TransportError.self) {
                try await UnixSocketTransport(socketPath: path).send(Self.request("/v1/health"))
            }
            #expect(error.code == .connectionFailed)
            #expect("\(error)".contains(path))
            #expect("\(error)".contains("nothing accepts connections"))
        }
    }

    @Test("a header with a line break is refused before anything is sent")
    func headerInjection() async throws {
        try await BrokerStandIn.with { broker in
            var request = Self.request("/v1/profiles/service/token")
            request.headers.append(("X-Evil", "a\r\nX-Forwarded-For: 1.2.3.4"))
            await #expect(throws: TransportError.self) {
                try await UnixSocketTransport(socketPath: broker.socketPath).send(request)
            }
            #expect(broker.requests.isEmpty)
        }
    }

    @Test("the broker provider end to end over the socket: token, cache, invalidate, next token")
    func providerOverSocket() async throws {
        try await BrokerStandIn.with { broker in
            try await BrokerProfile.with { profiles in
                let provider = try profiles.resolve(
                    #"{"provider": "broker", "profile": "service", "socket": "\#(broker.socketPath)"}"#)
                let first = try await provider.accessToken()
                #expect(first.value == "socket-token-1")
                #expect(try await provider.accessToken() == first)
                await provider.invalidate(first)
                #expect(try await provider.accessToken().value == "socket-token-2")
                #expect(broker.requests.map(\.method) == ["GET", "POST", "GET"])
                let invalidation = broker.requests[1]
                #expect(invalidation.path == "/v1/profiles/service/invalidate")
                #expect(invalidation.body == #"{"access_token":"socket-token-1"}"#)
                #expect(invalidation.headers["authorization"] == nil)
                #expect(broker.requests.allSatisfy { $0.headers["box-auth-broker"] == "1" && $0.host == "localhost" })
            }
        }
    }
}
