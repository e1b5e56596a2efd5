public import Foundation

/// How a ``SignIn`` shows the person Box's authorization address: opens a browser, prints it, or
/// hands it to a test.
///
/// ```swift
/// // Print the address, then try the system browser:
/// let opener = BrowserOpener { url in
///     print("Sign in at \(url)")
///     return try await BrowserOpener.system().open(url)
/// }
/// ```
public struct BrowserOpener: Sendable {
    /// Opens (or shows) `url`; returns whether a browser was started. An error it throws ends the
    /// sign-in with that error.
    public let open: @Sendable (URL) async throws -> Bool

    /// An opener that calls `open`.
    public init(_ open: @escaping @Sendable (URL) async throws -> Bool) {
        self.open = open
    }

    /// Opens nothing (the person opens the address elsewhere and pastes where it ended); returns false.
    public static let none = BrowserOpener { _ in false }

    /// The system browser: `/usr/bin/open` on macOS, `xdg-open` found on `PATH` elsewhere, run
    /// without a shell and with no input or output; false when no opener could be started.
    /// - Parameter environment: Where `PATH` comes from (the process's environment by default).
    public static func system(environment: [String: String] = ProcessInfo.processInfo.environment) -> BrowserOpener {
        BrowserOpener { url in
            #if os(macOS)
            let program = "/usr/bin/open"
            #else
            guard let program = executable("xdg-open", path: environment["PATH"] ?? "/usr/bin:/bin") else {
                return false
            }
            #endif
            let process = Process()
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = [url.absoluteString]
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            do {
                try process.run()
            } catch {
                return false
            }
            return true
        }
    }

    private static func executable(_ name: String, path: String) -> String? {
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
