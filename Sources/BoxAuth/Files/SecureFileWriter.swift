package import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files that hold credentials or tokens: mode 0600 from the first byte, and replaced
/// atomically, so that a reader sees the old file or the new one, never a part.
///
/// The data goes to a new temporary file in the target's folder (created `O_EXCL` with mode 0600,
/// whatever the umask), is flushed with `fsync`, and is renamed over the target; the folder is then
/// flushed too, so the new name survives a crash. A failed write leaves the target as it was and
/// removes the temporary file.
///
/// ```swift
/// try SecureFileWriter.write(config.jsonText(), to: folder.appendingPathComponent("config.json"))
/// ```
/// > Important: The folder must exist; create it (0700) first. An existing target's owner, mode
/// > and hard links are not kept: the target becomes a new 0600 file.
package enum SecureFileWriter {
    /// The mode of every file written.
    package static let mode: mode_t = 0o600

    /// Writes `data` to `url`, replacing it atomically.
    /// - Throws: `FileWriteError` naming the step that failed.
    package static func write(_ data: Data, to url: URL) throws(FileWriteError) {
        var failure: FileWriteError?
        data.withUnsafeBytes { bytes in
            do throws(FileWriteError) { try write(bytes: bytes, to: url) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Writes `text` as UTF-8 to `url`, replacing it atomically.
    /// - Throws: `FileWriteError` naming the step that failed.
    package static func write(_ text: String, to url: URL) throws(FileWriteError) {
        try write(Data(text.utf8), to: url)
    }

    /// Writes a secret's UTF-8 bytes to `url`, replacing it atomically, without copying the secret
    /// into a `String` or `Data` of its own.
    /// - Throws: `FileWriteError` naming the step that failed.
    package static func write(_ secret: Secret, to url: URL) throws(FileWriteError) {
        var failure: FileWriteError?
        secret.withUnsafeValue { bytes in
            do throws(FileWriteError) { try write(bytes: bytes, to: url) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    private static func write(bytes: UnsafeRawBufferPointer, to url: URL) throws(FileWriteError) {
        let target = url.path
        let folder = url.deletingLastPathComponent().path
        let (descriptor, temporary) = try createTemporaryFile(for: url)
        var succeeded = false
        defer { if !succeeded { unlink(temporary) } }
        do {
            defer { close(descriptor) }
            // The umask may have taken bits from the mode open() was given; set it exactly.
            guard fchmod(descriptor, mode) == 0 else {
                throw FileWriteError(file: target, operation: "set the mode of")
            }
            try writeAll(bytes, to: descriptor, file: target)
            guard fsync(descriptor) == 0 else { throw FileWriteError(file: target, operation: "flush") }
        }
        guard rename(temporary, target) == 0 else { throw FileWriteError(file: target, operation: "replace") }
        succeeded = true
        syncFolder(folder)
    }

    /// Creates `.NAME.PID.RANDOM.tmp` beside `url` with `O_EXCL`, trying new names on collisions.
    private static func createTemporaryFile(for url: URL) throws(FileWriteError) -> (Int32, String) {
        let folder = url.deletingLastPathComponent()
        for _ in 0..<16 {
            let name =
                ".\(url.lastPathComponent).\(getpid()).\(String(UInt64.random(in: 0...UInt64.max), radix: 36)).tmp"
            let path = folder.appendingPathComponent(name).path
            let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
            if descriptor >= 0 { return (descriptor, path) }
            guard errno == EEXIST || errno == EINTR else {
                throw FileWriteError(file: url.path, operation: "create a temporary file beside")
            }
        }
        throw FileWriteError(file: url.path, operation: "create a temporary file beside", errorNumber: EEXIST)
    }

    private static func writeAll(
        _ bytes: UnsafeRawBufferPointer, to descriptor: Int32, file: String
    ) throws(FileWriteError) {
        guard var next = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let written = posixWrite(descriptor, next, remaining)
            if written < 0 {
                if errno == EINTR { continue }
                throw FileWriteError(file: file, operation: "write")
            }
            next += written
            remaining -= written
        }
    }

    /// Flushes the folder's entry for the renamed file; file systems that cannot are left as they are.
    private static func syncFolder(_ folder: String) {
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }
}

/// POSIX `write(2)`, named apart from `SecureFileWriter.write`.
private func posixWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
