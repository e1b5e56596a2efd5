import AsyncHTTPClient
import BoxAuth
@testable import BoxAuthBroker
import BoxAuthProviders
import BoxAuthTestSupport
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import ServiceLifecycle
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The broker on its real listeners: the socket's folder and mode, the stale-socket rule, the
/// TCP secret, the headers every answer has, and a graceful stop.
@Suite("Token broker listeners")
struct TokenBrokerServerTests {
    /// Starts a broker on a socket (and TCP when `listen`) in a new folder, runs `body`, stops it.
    static func withBroker<Result>(
        listen: String? = nil, socketGroup: String? = nil, policy: String? = nil,
        _ body: (TokenBroker, TokenBroker.Endpoints, EmulatorFixture, URL) async throws -> Result
    ) async throws -> Result {
        try await EmulatorFixture.with { emulator in
            try BrokerFixture.writeProfiles(BrokerFixture.defaultProfiles, policy: policy, in: emulator)
            let folder = emulator.folder.appendingPathComponent("run")
            let broker = try TokenBroker(
                configuration: .init(
                    profilesFile: emulator.profilesURL.path, socketPath: folder.appendingPathComponent("broker.sock").path,
                    socketGroup: socketGroup, listen: listen),
                registry: .standard, environment: [:], transport: emulator.transport,
                logger: TestLog(level: .info).logger)
            let group = ServiceGroup(
                services: [broker], gracefulShutdownSignals: [], cancellationSignals: [], logger: TestLog().logger)
            let running = Task { try await group.run() }
            do {
                let endpoints = try await broker.endpoints()
                let result = try await body(broker, endpoints, emulator, folder)
                await group.triggerGracefulShutdown()
                try await running.value
                return result
            } catch {
                await group.triggerGracefulShutdown()
                _ = await running.result
                throw error
            }
        }
    }

    static func get(
        _ url: String, headers: [(String, String)] = [("Box-Auth-Broker", "1")], method: HTTPMethod = .GET
    ) async throws -> (status: Int, headers: HTTPHeaders, body: String) {
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        let body = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), response.headers, String(buffer: body))
    }

    static func socketURL(_ path: String, _ route: String) -> String {
        "http+unix://" + path.addingPercentEncoding(withAllowedCharacters: .alphanumerics)! + route
    }

    @Test("The socket is 0600 in a 0700 folder; answers carry no-store and no CORS header; the socket goes at the end")
    func socketModesAndHeaders() async throws {
        let socketPath = try await Self.withBroker { broker, endpoints, _, folder in
            #expect(FileStatus(path: folder.path)?.permissions == 0o700)
            #expect(FileStatus(path: endpoints.socketPath)?.permissions == 0o600)
            #expect(FileStatus(path: endpoints.socketPath)?.isSocket == true)
            let answer = try await Self.get(Self.socketURL(endpoints.socketPath, "/v1/profiles/service/token"))
            #expect(answer.status == 200, "\(answer.body)")
            #expect(answer.body.contains("access_token"))
            #expect(answer.headers["Cache-Control"] == ["no-store"])
            #expect(answer.headers["Content-Type"] == ["application/json"])
            let preflight = try await Self.get(
                Self.socketURL(endpoints.socketPath, "/v1/profiles/service/token"),
                headers: [("Origin", "https://evil.example"), ("Access-Control-Request-Method", "GET")],
                method: .OPTIONS)
            #expect(preflight.status == 403)
            for answer in [answer, preflight] {
                #expect(!answer.headers.contains { $0.name.lowercased().hasPrefix("access-control-") })
                #expect(answer.headers["Location"].isEmpty)
            }
            return endpoints.socketPath
        }
        #expect(FileStatus(path: socketPath) == nil)
    }

    @Test("Over TCP the token file is made (0600, 256 random bits) and its secret is required")
    func tcpListener() async throws {
        try await Self.withBroker(listen: "127.0.0.1:0") { _, endpoints, _, folder in
            let port = try #require(endpoints.port)
            let tokenFile = folder.appendingPathComponent("broker.token")
            #expect(FileStatus(path: tokenFile.path)?.permissions == 0o600)
            let secret = try String(contentsOf: tokenFile, encoding: .utf8).trimmingCharacters(in: .newlines)
            #expect(secret.count == 64)
            #expect(secret.allSatisfy { $0.isHexDigit })
            let url = "http://127.0.0.1:\(port)/v1/profiles/service/token"
            #expect(try await Self.get(url).status == 401)
            #expect(try await Self.get(url, headers: [("Box-Auth-Broker", "1"), ("Authorization", "Bearer nope")]).status == 401)
            let ok = try await Self.get(url, headers: [("Box-Auth-Broker", "1"), ("Authorization", "Bearer \(secret)")])
            #expect(ok.status == 200, "\(ok.body)")
            let relayed = try await Self.get(
                url, headers: [("Box-Auth-Broker", "1"), ("Authorization", "Bearer \(secret)"), ("X-Forwarded-For", "1.2.3.4")])
            #expect(relayed.status == 403)
        }
    }

    @Test(
        "A listen address that is not loopback is refused",
        arguments: ["0.0.0.0:8080", "10.0.0.1:80", "example.com:80", "127.0.0.1", "[::]:80", "127.0.0.1:99999", "128.0.0.1:1", "127.0.0.٣:1"])
    func nonLoopback(address: String) {
        #expect(throws: TokenBrokerError.self) { try LoopbackAddress(address) }
    }

    @Test("A stale socket is replaced; a live one or a file that is not a socket is left alone")
    func staleSocket() async throws {
        try await TemporaryDirectory.with { directory in
            let path = directory.url.appendingPathComponent("broker.sock").path
            // A socket file nothing listens on (a broker that was killed).
            let descriptor = UnixSocketAddress.newSocket()
            let address = try #require(UnixSocketAddress(path: path))
            let bound = address.withSocketAddress { bind(descriptor, $0, $1) }
            close(descriptor)
            #expect(bound == 0)
            #expect(FileStatus(path: path)?.isSocket == true)
            _ = try SocketPlace(path: path, group: nil)
            try Data("not a socket".utf8).write(to: URL(fileURLWithPath: path + ".txt"))
            #expect(throws: TokenBrokerError.self) { try SocketPlace(path: path + ".txt", group: nil) }
        }
        try await Self.withBroker { _, endpoints, _, _ in
            let error = #expect(throws: TokenBrokerError.self) { try SocketPlace(path: endpoints.socketPath, group: nil) }
            #expect(error?.code == .socketInUse)
        }
    }

    @Test("A folder that is there keeps its mode, unless others can write it: then it is refused")
    func existingFolder() async throws {
        try await TemporaryDirectory.with { directory in
            chmod(directory.url.path, 0o755)
            _ = try SocketPlace(path: directory.url.appendingPathComponent("broker.sock").path, group: nil)
            #expect(FileStatus(path: directory.url.path)?.permissions == 0o755)
            chmod(directory.url.path, 0o777)
            let error = #expect(throws: TokenBrokerError.self) {
                try SocketPlace(path: directory.url.appendingPathComponent("broker.sock").path, group: nil)
            }
            #expect(error?.description.contains("writable by others") == true)
            chmod(directory.url.path, 0o700)
        }
    }

    @Test("A socket path longer than the system takes is refused with a clear error")
    func longPath() {
        let error = #expect(throws: TokenBrokerError.self) {
            try SocketPlace(path: "/tmp/" + String(repeating: "x", count: 120), group: nil)
        }
        #expect(error?.description.contains("longer than") == true)
    }

    @Test("A request with more header fields than the limit is refused with 431, and the broker goes on")
    func headerLimit() async throws {
        try await Self.withBroker { _, endpoints, _, _ in
            let url = Self.socketURL(endpoints.socketPath, "/v1/health")
            let many = [("Box-Auth-Broker", "1")] + (0..<80).map { ("X-Filler-\($0)", "x") }
            let refused = try await Self.get(url, headers: many)
            #expect(refused.status == 431)
            #expect(refused.body.contains("headers_too_large"))
            #expect(try await Self.get(url).status == 200)
        }
    }

    @Test("A connection that sends half a request and stalls does not hold up other callers")
    func slowClient() async throws {
        try await Self.withBroker { _, endpoints, _, _ in
            let descriptor = try #require(UnixSocketAddress.connect(to: endpoints.socketPath))
            defer { close(descriptor) }
            let partial = Array("GET /v1/health HTTP/1.1\r\nHost: localhost\r\nBox-Au".utf8)
            #expect(write(descriptor, partial, partial.count) == partial.count)
            for _ in 0..<3 {
                let answer = try await Self.get(Self.socketURL(endpoints.socketPath, "/v1/health"))
                #expect(answer.status == 200)
            }
        }
    }
}
