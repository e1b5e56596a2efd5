import Foundation

/// One running `FleetMember` (benchmark 9's machine): started, told `go`, and read for its line.
final class FleetMemberProcess: @unchecked Sendable {
    // The Process and pipes are used from one task at a time: start, `go`, result.
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private var buffered = Data()

    /// What one machine reported.
    struct Result {
        /// Each caller's latency from `go`, in nanoseconds.
        let latencies: [Int]
        /// Fingerprints of the distinct tokens its callers got.
        let tokens: Set<String>
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// `FleetMember`, beside this benchmark's executable.
    static var executable: URL {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("FleetMember")
    }

    /// Starts a machine that will run `callers` tasks of `profile`, with `cacheHome` as its cache folder.
    init(profilesFile: URL, profile: String, callers: Int, environment: [String: String], cacheHome: URL) throws {
        process.executableURL = Self.executable
        process.arguments = [profilesFile.path, profile, String(callers)]
        var environment = environment
        environment["XDG_CACHE_HOME"] = cacheHome.path
        process.environment = environment
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.standardError
        try process.run()
    }

    /// Waits until the machine has built its provider.
    func ready() async throws {
        let line = try await nextLine()
        guard line == "ready" else { throw Failure(description: "FleetMember said '\(line)' instead of 'ready'") }
    }

    /// Lets the machine's callers go.
    func go() throws {
        try input.fileHandleForWriting.write(contentsOf: Data("go\n".utf8))
    }

    /// The machine's report, once its callers are done.
    func result() async throws -> Result {
        let line = try await nextLine()
        var latencies: [Int] = []
        var tokens: Set<String> = []
        for field in line.split(separator: " ") {
            if field.hasPrefix("latencies=") {
                latencies = field.dropFirst("latencies=".count).split(separator: ",").compactMap { Int($0) }
            } else if field.hasPrefix("tokens=") {
                tokens = Set(field.dropFirst("tokens=".count).split(separator: ",").map(String.init))
            }
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0, !latencies.isEmpty else {
            throw Failure(description: "FleetMember exited with \(process.terminationStatus)")
        }
        return Result(latencies: latencies, tokens: tokens)
    }

    /// Reads one line of the machine's output (blocking reads, off the cooperative pool).
    private func nextLine() async throws -> String {
        let handle = output.fileHandleForReading
        let start = buffered
        let (line, rest): (String, Data) = try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                var buffered = start
                while true {
                    if let newline = buffered.firstIndex(of: UInt8(ascii: "\n")) {
                        let line = String(decoding: buffered[buffered.startIndex..<newline], as: UTF8.self)
                        continuation.resume(returning: (line, Data(buffered[buffered.index(after: newline)...])))
                        return
                    }
                    let chunk = handle.availableData
                    if chunk.isEmpty {
                        continuation.resume(throwing: Failure(description: "FleetMember closed its output"))
                        return
                    }
                    buffered.append(chunk)
                }
            }
        }
        self.buffered = rest
        return line
    }
}
