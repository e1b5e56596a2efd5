package import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the small files settings and secrets come from: regular files only, within a size limit,
/// and never blocking on a FIFO or reading a device forever.
///
/// The path's type is checked before it is opened, the file is opened with `O_NONBLOCK`, and the
/// open descriptor is checked again (so a file swapped in between is caught too): its type, and
/// that only its owner, the current user or root, can write it (`FilePermissionCheck`).
///
/// ```swift
/// let data = try RegularFileReader.contents(
///     of: keyURL, referencedFrom: settings.file, jsonPath: settings.path.appending("keyFile").description)
/// ```
package enum RegularFileReader {
    /// Reads the whole file at `url`.
    /// - Parameters:
    ///   - url: The file.
    ///   - limit: The largest size read, in bytes (default: `JSONDocument.maximumSize`, 1 MiB).
    ///   - referencedFrom: The file that names `url` (such as the profiles file), for errors.
    ///   - jsonPath: The JSON path of the setting that names `url`, for errors.
    /// - Throws: ``ConfigurationError``: ``ConfigurationError/Code/fileUnreadable`` when the file is
    ///   missing or unreadable, ``ConfigurationError/Code/notRegularFile`` for a folder, device, FIFO
    ///   or socket (nothing is read), ``ConfigurationError/Code/unsafeFile`` when another user owns
    ///   or can write it (nothing is read), ``ConfigurationError/Code/fileTooLarge`` past `limit`.
    package static func contents(
        of url: URL, limit: Int = JSONDocument.maximumSize, referencedFrom: String? = nil, jsonPath: String? = nil
    ) throws(ConfigurationError) -> Data {
        let path = url.path
        guard let status = FileStatus(path: path) else {
            throw .fileUnreadable(path, referencedFrom: referencedFrom, jsonPath: jsonPath)
        }
        guard status.isRegularFile else {
            throw .notRegularFile(
                path, kind: status.kindDescription, referencedFrom: referencedFrom, jsonPath: jsonPath)
        }
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw .fileUnreadable(path, referencedFrom: referencedFrom, jsonPath: jsonPath) }
        defer { close(descriptor) }
        guard let opened = FileStatus(descriptor: descriptor) else {
            throw .fileUnreadable(path, referencedFrom: referencedFrom, jsonPath: jsonPath)
        }
        guard opened.isRegularFile else {
            throw .notRegularFile(
                path, kind: opened.kindDescription, referencedFrom: referencedFrom, jsonPath: jsonPath)
        }
        if let refusal = FilePermissionCheck.refusal(
            for: opened, path: path, referencedFrom: referencedFrom, jsonPath: jsonPath)
        {
            throw refusal
        }
        if opened.size > Int64(limit) {
            throw tooLarge(path, size: Int(clamping: opened.size), limit: limit, referencedFrom, jsonPath)
        }

        switch DescriptorReader.readAll(descriptor, sizeHint: Int(clamping: opened.size), limit: limit) {
        case .data(let data): return data
        // The file grew while being read: refuse it rather than read without end.
        case .tooLarge(let size): throw tooLarge(path, size: size, limit: limit, referencedFrom, jsonPath)
        case .failed: throw .fileUnreadable(path, referencedFrom: referencedFrom, jsonPath: jsonPath)
        }
    }

    private static func tooLarge(
        _ path: String, size: Int, limit: Int, _ referencedFrom: String?, _ jsonPath: String?
    ) -> ConfigurationError {
        guard let referencedFrom else { return .fileTooLarge(path, size: size, limit: limit) }
        let error = ConfigurationError.fileTooLarge(path, size: size, limit: limit)
        return ConfigurationError(
            code: error.code, message: "\(MessageText.quoted(path)): \(error.message)", file: referencedFrom,
            jsonPath: jsonPath, hint: error.hint)
    }
}
