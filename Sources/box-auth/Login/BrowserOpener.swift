import Foundation

/// Opens an address in the system browser: `open` on macOS, `xdg-open` elsewhere, run without a
/// shell.
enum BrowserOpener {
    /// Tries to open `url`; returns false when no opener could be started.
    static func open(_ url: URL, environment: [String: String]) -> Bool {
        #if os(macOS)
        let program = "/usr/bin/open"
        #else
        guard let program = executable("xdg-open", path: environment["PATH"] ?? "/usr/bin:/bin") else { return false }
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

    private static func executable(_ name: String, path: String) -> String? {
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
