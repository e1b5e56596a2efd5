import BoxAuth
public import Foundation

/// A private D-Bus session bus for one test, with an unlocked GNOME Keyring on it (or, for the
/// keyring that hangs, a bus whose `org.freedesktop.secrets` never answers), in a folder of its own.
///
/// Debian's `dbus-daemon`, `gnome-keyring` and `libsecret-tools` provide it (`.ci/run` installs
/// them). Without them the keyring tests are skipped locally (``isAvailable`` is false) and fail
/// under CI: ``start(hanging:)`` throws and says what to install.
/// ```swift
/// @Test(.enabled(if: SecretServiceSession.shouldRun))
/// func roundTrip() async throws {
///     let session = try await SecretServiceSession.start()
///     defer { session.stop() }
///     let keyring = SecretServiceKeyring(environment: session.environment, timeout: .seconds(30))
/// }
/// ```
public final class SecretServiceSession: Sendable {
    /// The environment that reaches this session's keyring: `PATH`, `HOME`, `XDG_RUNTIME_DIR`,
    /// `DBUS_SESSION_BUS_ADDRESS`, and state and cache folders of its own.
    public let environment: [String: String]
    /// The session's folder (removed by ``stop()``).
    public let folder: URL
    private let processes: [Int32]

    private init(environment: [String: String], folder: URL, processes: [Int32]) {
        self.environment = environment
        self.folder = folder
        self.processes = processes
    }

    /// The programs the session needs.
    static let tools = ["dbus-daemon", "gnome-keyring-daemon", "secret-tool"]

    /// Whether the programs are installed.
    public static var isAvailable: Bool { tools.allSatisfy { path(of: $0) != nil } }

    /// Whether the keyring tests run here: the programs are installed, or CI requires them.
    public static var shouldRun: Bool { isAvailable || ProcessInfo.processInfo.environment["CI"] != nil }

    /// Starts the bus and, unless `hanging`, an unlocked GNOME Keyring on it; returns once the
    /// keyring answers.
    /// - Parameter hanging: A bus on which asking for the Secret Service starts a program that
    ///   never takes the name (`sleep`), so every call waits until the caller gives up.
    /// - Throws: ``SecretServiceSessionError`` when a program is missing or does not start.
    public static func start(hanging: Bool = false) async throws -> SecretServiceSession {
        for tool in tools where path(of: tool) == nil {
            throw SecretServiceSessionError(
                "\(tool) is not installed; the keyring tests need apt-get install dbus-daemon gnome-keyring libsecret-tools")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("box-auth-keyring-\(UUID().uuidString)")
        for name in ["home", "run", "services", "state", "cache"] {
            try FileManager.default.createDirectory(
                at: folder.appendingPathComponent(name), withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
        }
        let busPath = folder.appendingPathComponent("bus").path
        if hanging {
            try """
            [D-BUS Service]
            Name=org.freedesktop.secrets
            Exec=/bin/sleep 600
            """.write(
                to: folder.appendingPathComponent("services/org.freedesktop.secrets.service"), atomically: true,
                encoding: .utf8)
        }
        try """
        <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
         "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
        <busconfig>
          <type>session</type>
          <listen>unix:path=\(busPath)</listen>
          <auth>EXTERNAL</auth>
          <servicedir>\(folder.appendingPathComponent("services").path)</servicedir>
          <policy context="default">
            <allow send_destination="*" eavesdrop="true"/>
            <allow eavesdrop="true"/>
            <allow own="*"/>
          </policy>
        </busconfig>
        """.write(to: folder.appendingPathComponent("bus.conf"), atomically: true, encoding: .utf8)

        let environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin",
            "HOME": folder.appendingPathComponent("home").path,
            "XDG_RUNTIME_DIR": folder.appendingPathComponent("run").path,
            "XDG_STATE_HOME": folder.appendingPathComponent("state").path,
            "XDG_CACHE_HOME": folder.appendingPathComponent("cache").path,
            "DBUS_SESSION_BUS_ADDRESS": "unix:path=\(busPath)",
        ]
        var processes: [Int32] = []
        do {
            let bus = try launch(
                "dbus-daemon", ["--config-file=\(folder.appendingPathComponent("bus.conf").path)", "--nofork"],
                environment: environment)
            processes.append(bus)
            try await waitUntil("the bus listens", deadline: .seconds(120)) {
                FileManager.default.fileExists(atPath: busPath)
            }
            if !hanging {
                // --unlock reads the login keyring's password on standard input and creates it.
                processes.append(
                    try launch(
                        "gnome-keyring-daemon", ["--foreground", "--unlock", "--components=secrets"],
                        environment: environment, input: "box-auth-test"))
                try await waitUntil("GNOME Keyring answers", deadline: .seconds(120)) {
                    answersLookup(environment: environment)
                }
            }
        } catch {
            for pid in processes { kill(-pid, SIGKILL) }
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
        return SecretServiceSession(environment: environment, folder: folder, processes: processes)
    }

    /// Ends the bus and the keyring (their whole process groups) and removes the folder.
    public func stop() {
        for pid in processes {
            kill(-pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        try? FileManager.default.removeItem(at: folder)
    }

    /// `secret-tool lookup` of an item that does not exist: the keyring is up when it says nothing
    /// and exits 1 (before that, the bus says the name has no owner).
    private static func answersLookup(environment: [String: String]) -> Bool {
        guard let tool = path(of: "secret-tool") else { return false }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["lookup", "service", "box-auth-test-probe"]
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        let said = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 1 && said.isEmpty
    }

    private static func launch(
        _ tool: String, _ arguments: [String], environment: [String: String], input: String? = nil
    ) throws -> Int32 {
        guard let path = path(of: tool) else { throw SecretServiceSessionError("\(tool) is not installed") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let stdin = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : stdin
        try process.run()
        if let input {
            try stdin.fileHandleForWriting.write(contentsOf: Data(input.utf8))
            try stdin.fileHandleForWriting.close()
        }
        return process.processIdentifier
    }

    /// Checks `ready` on a thread of its own every 20 ms until it holds; past `deadline` (generous:
    /// a busy machine is slow, and this only guards a broken setup) it throws.
    private static func waitUntil(
        _ what: String, deadline: Duration, _ ready: @escaping @Sendable () -> Bool
    ) async throws {
        let clock = ContinuousClock()
        let end = clock.now + deadline
        while clock.now < end {
            let isReady = await withCheckedContinuation { continuation in
                Thread.detachNewThread { continuation.resume(returning: ready()) }
            }
            if isReady { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw SecretServiceSessionError("timed out waiting until \(what)")
    }

    private static func path(of tool: String) -> String? { ChildProgram.findInstalled(tool)?.path }
}

/// The private keyring session could not be started.
public struct SecretServiceSessionError: Error, CustomStringConvertible {
    /// What went wrong.
    public let description: String
    init(_ description: String) { self.description = description }
}
