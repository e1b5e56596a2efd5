import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `SecureFileWriter` could not write a file: which file, which step failed, and the system's reason.
package struct FileWriteError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file that was to be written.
    package let file: String
    /// The step that failed (`create a temporary file in`, `write`, `flush`, `replace`).
    package let operation: String
    /// The system's reason (`strerror(errno)`), e.g. `Permission denied`.
    package let reason: String
    /// `errno` when the step failed.
    package let errorNumber: Int32

    /// Creates an error; `errorNumber` defaults to the current `errno`.
    package init(file: String, operation: String, errorNumber: Int32 = errno) {
        self.file = file
        self.operation = operation
        self.errorNumber = errorNumber
        self.reason = String(cString: strerror(errorNumber))
    }

    /// One line: what failed, where, why and what to do.
    package var description: String {
        "cannot \(operation) \(MessageText.quoted(file)): \(reason). Check that the folder exists and that this user may write to it."
    }
}
