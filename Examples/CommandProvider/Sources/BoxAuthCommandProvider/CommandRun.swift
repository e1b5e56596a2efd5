import Foundation
import Synchronization

/// One run of an external program: its exit status and standard output, bounded in time and size.
struct CommandRun: Sendable {
    /// The most output read.
    static let outputLimit = 64 * 1024

    let status: Int32
    let output: Data

    /// Runs `command`, killing it after `timeout` seconds. Waiting blocks no thread.
    static func execute(_ command: [String], timeout: TimeInterval) async throws -> CommandRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        let output = OutputBuffer()
        pipe.fileHandleForReading.readabilityHandler = { handle in output.append(handle.availableData) }
        let (exits, exited) = AsyncStream<Int32>.makeStream()
        process.terminationHandler = { finished in
            exited.yield(finished.terminationStatus)
            exited.finish()
        }
        do {
            try process.run()
        } catch {
            pipe.fileHandleForReading.readabilityHandler = nil
            throw CommandProviderError.launchFailed(program: command.first ?? "", detail: "\(error)")
        }
        let status = await withTaskGroup(of: Int32?.self) { group in
            group.addTask { await exits.first { _ in true } }
            group.addTask {
                try? await Task.sleep(for: .milliseconds(Int64(timeout * 1000)))
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        guard let status else {
            process.terminate()
            pipe.fileHandleForReading.readabilityHandler = nil
            throw CommandProviderError.timedOut(program: command.first ?? "", seconds: timeout)
        }
        pipe.fileHandleForReading.readabilityHandler = nil
        output.append(pipe.fileHandleForReading.readDataToEndOfFile())
        guard let data = output.data else {
            throw CommandProviderError.badOutput(
                program: command.first ?? "", detail: "more than \(outputLimit) bytes of output")
        }
        return CommandRun(status: status, output: data)
    }
}

/// Collects a program's output from the pipe's handler thread.
private final class OutputBuffer: Sendable {
    private let storage = Mutex((data: Data(), overflow: false))

    func append(_ chunk: Data) {
        storage.withLock { state in
            if state.data.count + chunk.count > CommandRun.outputLimit {
                state.overflow = true
            } else {
                state.data += chunk
            }
        }
    }

    /// The output, or nil when it was over the limit.
    var data: Data? { storage.withLock { $0.overflow ? nil : $0.data } }
}
