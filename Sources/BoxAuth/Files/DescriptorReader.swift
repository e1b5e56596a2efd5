package import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads an open file to its end into a buffer sized from the file's own size, never zero-filled:
/// the readers of small settings and token files call it once per file, on every profile resolved.
package enum DescriptorReader {
    /// What reading gave.
    package enum Outcome {
        /// The whole file.
        case data(Data)
        /// More than the limit was read (the file is larger, or grew while being read): how much.
        case tooLarge(Int)
        /// `read` failed with this `errno`.
        case failed(Int32)
    }

    /// Reads `descriptor` to its end, at most `limit` bytes.
    /// - Parameter sizeHint: The file's size as `fstat` gave it; one byte more is asked for, so
    ///   that a file of that size is read in one call and its end seen in the next.
    package static func readAll(_ descriptor: Int32, sizeHint: Int, limit: Int) -> Outcome {
        var capacity = min(max(sizeHint, 0), limit) + 1
        var buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 1)
        defer { buffer.deallocate() }
        var count = 0
        while true {
            if count == capacity {
                if count > limit { return .tooLarge(count) }
                let grown = UnsafeMutableRawBufferPointer.allocate(
                    byteCount: min(capacity * 2, limit + 1), alignment: 1)
                grown.copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
                buffer.deallocate()
                buffer = grown
                capacity = grown.count
            }
            let received = read(descriptor, buffer.baseAddress! + count, capacity - count)
            if received == 0 { break }
            if received < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return .failed(errno)
            }
            count += received
        }
        if count > limit { return .tooLarge(count) }
        return .data(Data(bytes: buffer.baseAddress!, count: count))
    }
}
