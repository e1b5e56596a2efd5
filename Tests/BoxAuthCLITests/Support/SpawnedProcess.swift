import BoxAuthTestSupport
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A `box-auth` child process that a test can kill while it runs (``ProductProcess`` waits for
/// its processes to end).
final class SpawnedProcess: Sendable {
    /// How the process ended and what it printed.
    struct Result: Sendable {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    private let process: Process
    private let folder: URL
    private let ended: Task<Int32, Never>

    /// Starts the built `box-auth` with `arguments` and `environment` added (`BOX_*` removed).
    init(_ arguments: [String], environment: [String: String]) throws {
        let process = Process()
        process.executableURL = ProductProcess.productsDirectory.appendingPathComponent("box-auth")
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for key in env.keys where key.hasPrefix("BOX_") { env[key] = nil }
        env.merge(environment) { _, new in new }
        process.environment = env
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("box-auth-spawn-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: folder.appendingPathComponent("out").path, contents: nil)
        FileManager.default.createFile(atPath: folder.appendingPathComponent("err").path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: folder.appendingPathComponent("out"))
        process.standardError = try FileHandle(forWritingTo: folder.appendingPathComponent("err"))
        process.standardInput = FileHandle.nullDevice
        let (stream, continuation) = AsyncStream<Int32>.makeStream()
        process.terminationHandler = { ended in
            continuation.yield(ended.terminationStatus)
            continuation.finish()
        }
        try process.run()
        self.process = process
        ended = Task {
            for await status in stream { return status }
            return -1
        }
    }

    /// Sends SIGKILL.
    func kill() { _ = Glibc.kill(process.processIdentifier, SIGKILL) }

    /// Waits for the process to end and returns its status and output.
    func result() async -> Result {
        let status = await ended.value
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = (try? Data(contentsOf: folder.appendingPathComponent("out"))) ?? Data()
        let err = (try? Data(contentsOf: folder.appendingPathComponent("err"))) ?? Data()
        return Result(
            status: status, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
    }
}
