import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The physical floor of a token request: one keep-alive HTTP/1.1 connection on a plain blocking
/// socket that the benchmark opens itself, with no HTTP framework, no event loop and no task hop.
/// A POST writes prepared bytes and reads the answer by its `Content-Length`; nothing is parsed
/// beyond the status line and that header.
///
/// Not thread-safe: one sample at a time uses it. Its blocking I/O runs on a thread of its own
/// (``timedSend(_:)``), never on the cooperative pool, which the in-process emulator needs to answer.
final class RawHTTPConnection: @unchecked Sendable {
    private let port: UInt16
    private var descriptor: Int32 = -1
    private var buffer = [UInt8](repeating: 0, count: 64 * 1024)

    /// A connection to `url`'s port on 127.0.0.1 (opened on first use, and again if the server
    /// closes it).
    init(url: URL) throws {
        guard url.host == "127.0.0.1", let port = url.port else {
            throw BenchmarkSetupError("the raw floor connects to http://127.0.0.1:PORT only, not \(url)")
        }
        self.port = UInt16(port)
    }

    deinit { if descriptor >= 0 { close(descriptor) } }

    /// The bytes of a POST of `body` (a form) to `path`: built once, outside the timed part.
    static func request(path: String, body: Data) -> [UInt8] {
        var head = "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        head += "Content-Type: application/x-www-form-urlencoded\r\nAccept: application/json\r\n"
        head += "Content-Length: \(body.count)\r\nConnection: keep-alive\r\n\r\n"
        return Array(head.utf8) + Array(body)
    }

    /// Sends `request` on a thread of its own and times it there: the time is the socket's write,
    /// the server's work and the read, without the hop to and from that thread.
    /// - Returns: The status code and the nanoseconds the exchange took.
    func timedSend(_ request: [UInt8]) async throws -> (status: Int, nanoseconds: Int) {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                do {
                    var status = 0
                    let time = try Stopwatch.nanoseconds { status = try self.send(request).status }
                    continuation.resume(returning: (status, time))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    /// Sends `request` (from ``request(path:body:)``) and reads the whole answer, blocking.
    /// - Returns: The status code and the body's length.
    func send(_ request: [UInt8]) throws -> (status: Int, bodyLength: Int) {
        if descriptor < 0 { try connect() }
        try writeAll(request)
        var count = 0
        var headerEnd: Int?
        while headerEnd == nil {
            count += try readSome(into: count)
            headerEnd = Self.headerEnd(buffer, count)
        }
        let head = String(decoding: buffer[0..<headerEnd!], as: UTF8.self)
        let status = Int(head.split(separator: " ", maxSplits: 2).dropFirst().first ?? "") ?? 0
        var length = 0
        var closes = false
        for line in head.split(separator: "\r\n") {
            let lower = line.lowercased()
            if lower.hasPrefix("content-length:") { length = Int(lower.dropFirst(15).trimmingCharacters(in: .whitespaces)) ?? 0 }
            if lower.hasPrefix("connection:"), lower.contains("close") { closes = true }
        }
        let total = headerEnd! + length
        while count < total { count += try readSome(into: count) }
        if closes { reset() }
        return (status, length)
    }

    private func connect() throws {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw BenchmarkSetupError("socket failed: errno \(errno)") }
        var noDelay: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                posixConnect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            close(fd)
            throw BenchmarkSetupError("connect to 127.0.0.1:\(port) failed: errno \(errno)")
        }
        descriptor = fd
    }

    private func writeAll(_ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let written = bytes[sent...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else {
                reset()
                throw BenchmarkSetupError("write failed: errno \(errno)")
            }
            sent += written
        }
    }

    /// Reads what has arrived into `buffer` after `offset` (growing it when full).
    private func readSome(into offset: Int) throws -> Int {
        if offset == buffer.count { buffer += [UInt8](repeating: 0, count: buffer.count) }
        let received = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + offset, $0.count - offset) }
        if received < 0, errno == EINTR { return 0 }
        guard received > 0 else {
            reset()
            throw BenchmarkSetupError("the server closed the connection (errno \(errno))")
        }
        return received
    }

    private func reset() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
    }

    /// The index just past `\r\n\r\n` in the first `count` bytes, if there.
    private static func headerEnd(_ bytes: [UInt8], _ count: Int) -> Int? {
        guard count >= 4 else { return nil }
        for index in 3..<count
        where bytes[index] == 10 && bytes[index - 1] == 13 && bytes[index - 2] == 10 && bytes[index - 3] == 13 {
            return index + 1
        }
        return nil
    }
}

/// POSIX `connect(2)`, named apart from `RawHTTPConnection.connect()`.
private func posixConnect(_ descriptor: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> Int32 {
    connect(descriptor, address, length)
}
