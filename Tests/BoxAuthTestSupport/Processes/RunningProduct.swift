public import Foundation

/// A product (`box-auth login`, say) running in the background: its standard error can be waited
/// on line by line, its standard input written to, and its end awaited.
public final class RunningProduct: Sendable {
    private let process: Process
    private let folder: URL
    private let input: FileHandle
    private let ended: Task<Int32, Never>

    private init(process: Process, folder: URL, input: FileHandle, ended: Task<Int32, Never>) {
        self.process = process
        self.folder = folder
        self.input = input
        self.ended = ended
    }

    /// Starts `product` with `arguments` (`BOX_*` variables of the test's environment removed,
    /// `environment` added), its standard input a pipe.
    public static func start(
        _ arguments: [String], environment: [String: String] = [:], product: String = "box-auth"
    ) throws -> RunningProduct {
        let process = Process()
        process.executableURL = ProductProcess.productsDirectory.appendingPathComponent(product)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for key in env.keys where key.hasPrefix("BOX_") { env[key] = nil }
        env.merge(environment) { _, new in new }
        process.environment = env
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("box-auth-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["stdout", "stderr"] {
            _ = FileManager.default.createFile(atPath: folder.appendingPathComponent(name).path, contents: nil)
        }
        process.standardOutput = try FileHandle(forWritingTo: folder.appendingPathComponent("stdout"))
        process.standardError = try FileHandle(forWritingTo: folder.appendingPathComponent("stderr"))
        let stdin = Pipe()
        process.standardInput = stdin
        let (statuses, continuation) = AsyncStream.makeStream(of: Int32.self)
        process.terminationHandler = { process in
            continuation.yield(process.terminationStatus)
            continuation.finish()
        }
        try process.run()
        let ended = Task<Int32, Never> {
            for await status in statuses { return status }
            return -1
        }
        return RunningProduct(process: process, folder: folder, input: stdin.fileHandleForWriting, ended: ended)
    }

    /// Everything printed on standard error so far.
    public var stderr: String { read("stderr") }
    /// Whether the process has not ended yet.
    public var isRunning: Bool { process.isRunning }
    /// Everything printed on standard output so far.
    public var stdout: String { read("stdout") }

    /// The first line of standard error for which `matches` holds, waiting for it to be printed
    /// (up to `timeout` seconds, generous for a busy machine; nil if the process ends first).
    public func stderrLine(
        timeout: TimeInterval = 120, where matches: @Sendable (String) -> Bool
    ) async throws -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let line = stderr.split(separator: "\n").map(String.init).first(where: matches) { return line }
            if !process.isRunning {
                return stderr.split(separator: "\n").map(String.init).first(where: matches)
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        return nil
    }

    /// Writes `line` and a newline to standard input.
    public func send(line: String) throws {
        try input.write(contentsOf: Data((line + "\n").utf8))
    }

    /// Waits for the process to end and returns what it printed.
    public func result() async -> ProductProcess.Result {
        let status = await ended.value
        defer { try? FileManager.default.removeItem(at: folder) }
        return ProductProcess.Result(status: status, stdout: stdout, stderr: stderr)
    }

    /// Ends the process (SIGTERM) if it still runs.
    public func terminate() {
        if process.isRunning { process.terminate() }
    }

    /// Sends `signal` to the process if it still runs.
    public func send(signal: Int32) {
        if process.isRunning { _ = Foundation.kill(process.processIdentifier, signal) }
    }

    /// Kills the process at once (SIGKILL), as a crash would: nothing of it runs after.
    public func kill() {
        if process.isRunning { _ = Foundation.kill(process.processIdentifier, SIGKILL) }
    }

    private func read(_ name: String) -> String {
        String(decoding: (try? Data(contentsOf: folder.appendingPathComponent(name))) ?? Data(), as: UTF8.self)
    }
}
