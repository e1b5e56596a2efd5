public import Foundation

/// Runs an executable this package builds (`box-auth`, `WhoAmI`) and captures what it prints.
public enum ProductProcess {
    /// How a run ended and what it printed.
    public struct Result: Sendable {
        /// The exit status.
        public let status: Int32
        /// Everything printed on standard output.
        public let stdout: String
        /// Everything printed on standard error.
        public let stderr: String
        /// Both, for checks that nothing leaked anywhere.
        public var output: String { stdout + stderr }
    }

    /// The folder holding the built products (the test bundle sits next to the executables).
    public static var productsDirectory: URL {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = executable.deletingLastPathComponent()
        // On macOS the test runner lives inside an .xctest bundle.
        while folder.pathExtension == "xctest" || folder.lastPathComponent == "MacOS"
            || folder.lastPathComponent == "Contents"
        {
            folder.deleteLastPathComponent()
        }
        if FileManager.default.fileExists(atPath: folder.appendingPathComponent("box-auth").path) { return folder }
        return Bundle.main.bundleURL.deletingLastPathComponent()
    }

    /// Runs `product` with `arguments`; `BOX_*` variables of the test's environment are removed and
    /// `environment` is added. Waiting blocks no thread (an in-process emulator keeps answering).
    public static func run(
        _ product: String, _ arguments: [String], environment: [String: String] = [:], in directory: URL? = nil
    ) async throws -> Result {
        try await run(
            executable: productsDirectory.appendingPathComponent(product), arguments, environment: environment,
            in: directory)
    }

    /// Runs the program at `executable` with `arguments`, as ``run(_:_:environment:in:)`` runs a product.
    public static func run(
        executable: URL, _ arguments: [String], environment: [String: String] = [:], in directory: URL? = nil
    ) async throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for key in env.keys where key.hasPrefix("BOX_") { env[key] = nil }
        env.merge(environment) { _, new in new }
        process.environment = env
        if let directory { process.currentDirectoryURL = directory }
        // Output goes to files, and the wait is a termination handler: blocking reads or waits here
        // would starve the cooperative thread pool that the in-process emulator answers on.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("box-auth-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outURL = folder.appendingPathComponent("stdout")
        let errURL = folder.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: outURL)
        let errHandle = try FileHandle(forWritingTo: errURL)
        process.standardOutput = outHandle
        process.standardError = errHandle
        process.standardInput = FileHandle.nullDevice
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            process.terminationHandler = { _ in continuation.resume() }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        try outHandle.close()
        try errHandle.close()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }
}

extension ProductProcess {
    /// Runs the built `box-auth` with `arguments`.
    public static func boxAuth(
        _ arguments: [String], environment: [String: String] = [:], in directory: URL? = nil
    ) async throws -> Result {
        try await run("box-auth", arguments, environment: environment, in: directory)
    }
}

extension ProductProcess {
    /// Starts `box-auth` with `arguments` once per entry of `environments`, all at once (a herd of
    /// processes, each as one machine's environment says), and returns every result when all ended.
    public static func boxAuthAtOnce(
        _ arguments: [String], environments: [[String: String]]
    ) async throws -> [Result] {
        try await withThrowingTaskGroup(of: Result.self) { group in
            for environment in environments {
                group.addTask { try await boxAuth(arguments, environment: environment) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }
}
