import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the read end of a child's pipe without blocking, keeping at most `limit` bytes.
///
/// The caller's thread polls the pipes it reads (``poll(_:until:)``) until they end or a deadline
/// passes, and then closes them: no thread is left blocked in a read on a pipe that a child (or a
/// grandchild it started) keeps open.
final class PipeReader {
    /// What one read found.
    enum Progress {
        /// More may come.
        case open
        /// The pipe has ended (every writer closed it) or failed.
        case ended
    }

    /// The pipe's read end, nonblocking; -1 once closed.
    private var descriptor: Int32
    private let limit: Int
    /// The bytes kept (at most `limit`).
    private(set) var data = Data()
    /// Whether the pipe carried more than `limit` bytes.
    private(set) var overflowed = false
    /// Whether the pipe has ended.
    private(set) var isEnded = false

    /// Takes over `handle`'s descriptor (made nonblocking); the reader closes it.
    init(_ handle: FileHandle, limit: Int) {
        descriptor = fcntl(handle.fileDescriptor, F_DUPFD_CLOEXEC, 0)
        try? handle.close()
        self.limit = limit
        if descriptor >= 0 {
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        } else {
            isEnded = true
        }
    }

    deinit {
        if descriptor >= 0 { _ = systemClose(descriptor) }
    }

    /// Reads what is there now, keeping bytes up to the limit and dropping the rest.
    @discardableResult
    func readAvailable() -> Progress {
        guard !isEnded else { return .ended }
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                let room = max(limit - data.count, 0)
                if count > room { overflowed = true }
                data.append(contentsOf: buffer[0..<min(count, room)])
                continue
            }
            if count < 0 && (errno == EINTR) { continue }
            if count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { return .open }
            isEnded = true
            return .ended
        }
    }

    /// Closes the pipe; later reads find it ended.
    func close() {
        if descriptor >= 0 { _ = systemClose(descriptor) }
        descriptor = -1
        isEnded = true
    }

    /// Waits until one of `readers` that is still open has something to read (or has ended), or
    /// `deadline` passes; returns false at the deadline (or when none is open).
    static func poll(_ readers: [PipeReader], until deadline: DispatchTime) -> Bool {
        var polled = readers.compactMap(\.pollDescriptor).map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        guard !polled.isEmpty else { return false }
        while true {
            let now = DispatchTime.now()
            guard now < deadline else { return false }
            let milliseconds = (deadline.uptimeNanoseconds - now.uptimeNanoseconds + 999_999) / 1_000_000
            let ready = polled.withUnsafeMutableBufferPointer {
                systemPoll($0.baseAddress, nfds_t($0.count), Int32(clamping: milliseconds))
            }
            if ready > 0 { return true }
            if ready < 0 && errno != EINTR { return true }
        }
    }

    /// The descriptor to poll, while open.
    var pollDescriptor: Int32? { isEnded ? nil : descriptor }

    /// The kept bytes as one line of text for a message: the first non-empty line, or nil.
    var text: String? {
        let text = String(decoding: data, as: UTF8.self)
        return text.split(whereSeparator: \.isNewline).lazy
            .map { $0.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty }
    }
}

// `close` and `poll` are also the names of this type's methods; these reach the C functions.
/// `close(2)`, for types whose own `close` hides it.
func systemClose(_ descriptor: Int32) -> Int32 {
    #if canImport(Darwin)
    Darwin.close(descriptor)
    #elseif canImport(Musl)
    Musl.close(descriptor)
    #else
    Glibc.close(descriptor)
    #endif
}

private func systemPoll(_ descriptors: UnsafeMutablePointer<pollfd>?, _ count: nfds_t, _ timeout: Int32) -> Int32 {
    #if canImport(Darwin)
    Darwin.poll(descriptors, count, timeout)
    #elseif canImport(Musl)
    Musl.poll(descriptors, count, timeout)
    #else
    Glibc.poll(descriptors, count, timeout)
    #endif
}
