public import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A loopback HTTP server that answers every request with 200 and a body without a
/// `Content-Length`, written until the client stops reading (or `limit` bytes): the hostile
/// server for tests of the transports' body cap.
///
/// ```swift
/// let server = try EndlessBodyServer.start()
/// defer { server.stop() }
/// // a request to server.url must fail with responseTooLarge, and server.bytesWritten stays bounded
/// ```
public final class EndlessBodyServer: Sendable {
    /// The address to send requests to (`http://127.0.0.1:PORT/oauth2/token`).
    public let url: URL
    private let listener: Int32
    private let written = Atomic<Int>(0)
    private let finished = DispatchSemaphore(value: 0)
    private let stopped = Atomic<Bool>(false)

    private init(listener: Int32, port: Int) {
        self.listener = listener
        url = URL(string: "http://127.0.0.1:\(port)/oauth2/token")!
    }

    /// The most body bytes written to one connection unless told otherwise: 256 MiB.
    public static let defaultLimit = 256 << 20

    /// Listens on a free loopback port and serves on a thread of its own until ``stop()``.
    /// - Parameter limit: The most body bytes written to one connection (so a client that reads
    ///   for ever still ends).
    public static func start(limit: Int = defaultLimit) throws -> EndlessBodyServer {
        let socket = try LoopbackPort.bound(listening: 8)
        let server = EndlessBodyServer(listener: socket.descriptor, port: socket.port)
        Thread.detachNewThread { server.serve(limit: limit) }
        return server
    }

    /// Body bytes written so far, over every connection.
    public var bytesWritten: Int { written.load(ordering: .relaxed) }

    /// Stops listening and waits for the serving thread to end (the connection it serves ends
    /// when the client closes it); later calls do nothing.
    public func stop() {
        guard !stopped.exchange(true, ordering: .relaxed) else { return }
        shutdown(listener, Int32(SHUT_RDWR))
        finished.wait()
        close(listener)
    }

    private func serve(limit: Int) {
        defer { finished.signal() }
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else {
                if errno == EINTR { continue }
                return
            }
            answer(connection, limit: limit)
            close(connection)
        }
    }

    private func answer(_ connection: Int32, limit: Int) {
        #if canImport(Darwin)
        var on: Int32 = 1
        setsockopt(connection, SOL_SOCKET, SO_NOSIGPIPE, &on, socklen_t(MemoryLayout<Int32>.size))
        let flags: Int32 = 0
        #else
        let flags = Int32(MSG_NOSIGNAL)
        #endif
        // Read the request's head (the body, if any, is not needed).
        var head = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(connection, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        while !String(decoding: head, as: UTF8.self).contains("\r\n\r\n") {
            let count = buffer.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return }
            head += buffer[0..<count]
            if head.count > 1 << 20 { return }
        }
        let header = Array("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n".utf8)
        guard header.withUnsafeBytes({ send(connection, $0.baseAddress, $0.count, flags) }) == header.count else {
            return
        }
        let chunk = [UInt8](repeating: UInt8(ascii: "x"), count: 64 * 1024)
        var sent = 0
        while sent < limit {
            let count = chunk.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, flags) }
            guard count > 0 else { return }
            sent += count
            written.add(count, ordering: .relaxed)
        }
    }
}
