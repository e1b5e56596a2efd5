import BoxAuth
public import Foundation

/// The one HTTP proxy of the test suite: Debian's `tinyproxy`, run as a child process in the
/// foreground on 127.0.0.1 with a free port, logging at `Info` into a temporary folder, optionally
/// asking for `Basic` credentials.
///
/// ```swift
/// try await TinyProxy.with { proxy in
///     let environment = ["HTTP_PROXY": proxy.url]
///     // ... a request to the emulator with `environment` ...
///     #expect(try await proxy.waitForRequest(to: fixture.baseURL))
/// }
/// ```
///
/// Use `@Test(.enabled(if: TinyProxy.shouldRun, "needs tinyproxy"))`: under `CI` a missing
/// `tinyproxy` fails the test (``start(credentials:)`` throws) instead of skipping it.
public final class TinyProxy: Sendable {
    /// The proxy could not be started.
    public struct Failure: Error, CustomStringConvertible {
        /// What went wrong and what to do.
        public let description: String
    }

    /// The user name and password tinyproxy asks for, when it asks.
    public let credentials: (user: String, password: String)?
    /// The port it listens on, on 127.0.0.1.
    public let port: Int
    /// The temporary folder with its configuration and log.
    public let folder: URL
    private let process: Process

    /// The `tinyproxy` executable on `PATH`, in `/usr/bin` or `/usr/sbin`; nil when there is none.
    public static var executable: URL? { ChildProgram.findInstalled("tinyproxy") }

    /// Whether proxy tests should run: when tinyproxy is installed, and always under `CI`.
    public static var shouldRun: Bool {
        executable != nil || !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty
    }

    private init(credentials: (user: String, password: String)?, port: Int, folder: URL, process: Process) {
        self.credentials = credentials
        self.port = port
        self.folder = folder
        self.process = process
    }

    /// `http://127.0.0.1:PORT`, with the credentials when it asks for them (`withCredentials`).
    public func url(withCredentials: Bool = true) -> String {
        guard withCredentials, let credentials else { return "http://127.0.0.1:\(port)" }
        return "http://\(credentials.user):\(credentials.password)@127.0.0.1:\(port)"
    }

    /// The log file tinyproxy writes.
    public var logURL: URL { folder.appendingPathComponent("tinyproxy.log") }

    /// What tinyproxy has logged so far.
    public var log: String {
        (try? String(contentsOf: logURL, encoding: .utf8)) ?? ""
    }

    /// The request lines tinyproxy logged (`GET http://...`, `CONNECT host:port`), in order.
    public var requests: [String] {
        log.split(separator: "\n").compactMap { line in
            guard let range = line.range(of: "): ") , line.contains("Request (") else { return nil }
            return String(line[range.upperBound...])
        }
    }

    /// Waits until tinyproxy has logged a request for `url`'s host and port (a `GET`/`POST` to the
    /// URL or a `CONNECT` to its host), up to `timeout`.
    /// - Returns: Whether it did.
    public func waitForRequest(to url: URL, timeout: Duration = .seconds(30)) async throws -> Bool {
        let authority = "\(url.host ?? ""):\(url.port ?? 80)"
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if requests.contains(where: { $0.contains(authority) }) { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return false
    }

    /// Starts tinyproxy and waits until it accepts connections.
    /// - Parameter credentials: The `BasicAuth` user and password it asks for; none by default.
    /// - Throws: ``Failure`` when tinyproxy is missing (saying how to install it) or does not start.
    public static func start(credentials: (user: String, password: String)? = nil) async throws -> TinyProxy {
        guard let executable else {
            throw Failure(description: "tinyproxy is needed for proxy tests; install it with `apt-get install -y tinyproxy`.")
        }
        var lastProblem = "it did not start"
        // A port picked free may be taken before tinyproxy binds it: try a few.
        for _ in 0..<3 {
            let port = try LoopbackPort.unused()
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("box-auth-tinyproxy-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            var configuration = """
                Port \(port)
                Listen 127.0.0.1
                Timeout 60
                LogFile "\(folder.appendingPathComponent("tinyproxy.log").path)"
                LogLevel Info
                MaxClients 50
                Allow 127.0.0.1
                DisableViaHeader Yes

                """
            if let credentials { configuration += "BasicAuth \(credentials.user) \(credentials.password)\n" }
            let configURL = folder.appendingPathComponent("tinyproxy.conf")
            try configuration.write(to: configURL, atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = executable
            process.arguments = ["-d", "-c", configURL.path]
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let proxy = TinyProxy(credentials: credentials, port: port, folder: folder, process: process)
            if try await proxy.waitUntilAccepting() { return proxy }
            lastProblem = "it did not accept connections on port \(port): \(proxy.log.suffix(400))"
            proxy.stop()
        }
        throw Failure(description: "tinyproxy could not be started: \(lastProblem)")
    }

    /// Runs `body` with a running tinyproxy, stopped afterwards whether `body` throws or not.
    public static func with<Result>(
        credentials: (user: String, password: String)? = nil, _ body: (TinyProxy) async throws -> Result
    ) async throws -> Result {
        let proxy = try await start(credentials: credentials)
        defer { proxy.stop() }
        return try await body(proxy)
    }

    /// Stops tinyproxy (SIGKILL: after SIGTERM it waits for its connection threads, which clients
    /// keeping connections alive never end, and stays behind) and deletes its folder.
    public func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: folder)
    }

    /// Polls until a TCP connection to the port succeeds (true), or tinyproxy exited or 30 s
    /// passed (false).
    private func waitUntilAccepting() async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline, process.isRunning {
            if LoopbackPort.accepts(port) { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return false
    }
}
