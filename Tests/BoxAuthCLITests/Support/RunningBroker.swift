import BoxAuth
import BoxAuthTestSupport
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `box-auth serve` running as a child process on a Unix socket, ready once its socket answers
/// `GET /v1/health`.
struct RunningBroker {
    /// The broker did not become ready.
    struct NotReady: Error, CustomStringConvertible {
        /// Why, with what the broker printed.
        let description: String
    }

    /// The running `box-auth serve`.
    let process: RunningProduct
    /// Its socket.
    let socket: URL

    /// Starts `box-auth serve --profiles profiles --socket socket` and waits until the socket
    /// answers `GET /v1/health` with 200: an event, polled, within a generous overall deadline.
    /// - Throws: ``NotReady`` (with the broker's standard error) if it ends or never answers.
    static func start(
        profiles: URL, socket: URL, arguments: [String] = [], deadline: Duration = .seconds(120)
    ) async throws -> RunningBroker {
        let process = try RunningProduct.start(
            ["serve", "--profiles", profiles.path, "--socket", socket.path] + arguments)
        let broker = RunningBroker(process: process, socket: socket)
        let clock = ContinuousClock()
        let end = clock.now.advanced(by: deadline)
        while clock.now < end {
            guard process.isRunning else {
                let result = await process.result()
                throw NotReady(description: "box-auth serve exited \(result.status) before it was ready: \(result.stderr)")
            }
            if FileManager.default.fileExists(atPath: socket.path), await Self.healthStatus(socket.path) == 200 {
                return broker
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        await broker.stop()
        throw NotReady(description: "box-auth serve did not answer on \(socket.path): \(process.stderr)")
    }

    /// Ends the broker (SIGKILL: children of the test runner inherit a blocked SIGTERM) and waits
    /// for its end; returns what it printed.
    @discardableResult
    func stop() async -> ProductProcess.Result {
        process.kill()
        return await process.result()
    }

    /// The status of `GET /v1/health` on the Unix socket at `path`, or nil when nothing answers.
    static func healthStatus(_ path: String) async -> Int? { await request("GET", "/v1/health", socket: path)?.status }

    /// Sends one request over the Unix socket at `path` and reads the answer, on a thread of its
    /// own: the blocking socket calls must not hold a thread of the cooperative pool, where the
    /// in-process emulator the broker asks for tokens runs.
    static func request(
        _ method: String, _ route: String, body: String = "", socket path: String
    ) async -> (status: Int, body: String)? {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(returning: blockingRequest(method, route, body: body, socket: path))
            }
        }
    }

    /// Sends one request over the Unix socket at `path` (with `Box-Auth-Broker: 1`) and reads the
    /// answer to its end; nil when nothing answers. A local socket answers in milliseconds; a
    /// 60-second receive timeout bounds a hung broker.
    private static func blockingRequest(
        _ method: String, _ route: String, body: String, socket path: String
    ) -> (status: Int, body: String)? {
        guard let descriptor = UnixSocketAddress.connect(to: path) else { return nil }
        defer { close(descriptor) }
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let request =
            "\(method) \(route) HTTP/1.1\r\nHost: localhost\r\nBox-Auth-Broker: 1\r\nConnection: close\r\n"
            + "Content-Length: \(body.utf8.count)\r\n\r\n\(body)"
        let sent = Array(request.utf8).withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, 0) }
        guard sent == request.utf8.count else { return nil }
        var answer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }
            answer += chunk[0..<count]
        }
        // "HTTP/1.1 200 OK\r\n...\r\n\r\nBODY"
        let text = String(decoding: answer, as: UTF8.self)
        let statusLine = text.split(separator: " ", maxSplits: 2)
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { return nil }
        let body = text.range(of: "\r\n\r\n").map { String(text[$0.upperBound...]) } ?? ""
        return (status, body)
    }
}
