import BoxAuth
import BoxAuthTestKit
import Foundation
import Testing

@Suite("SecretReference.command")
struct SecretCommandTests {
    let path = JSONPath("profiles", "service", "clientSecret")
    let profilesFile = "/home/me/.box/profiles.json"
    /// The environment most tests give the child: only a PATH to the system's tools.
    let systemPath = ["PATH": "/usr/local/bin:/usr/bin:/bin"]

    func resolve(
        _ arguments: [String], environment: [String: String]? = nil, baseDirectory: URL = URL(fileURLWithPath: "/"),
        timeout: Duration = .seconds(60)
    ) throws(ConfigurationError) -> String {
        try SecretReference.command(arguments).resolve(
            environment: environment ?? systemPath, baseDirectory: baseDirectory, file: profilesFile, path: path,
            commandTimeout: timeout
        ).exposedValue
    }

    func failure(
        _ arguments: [String], environment: [String: String]? = nil, baseDirectory: URL = URL(fileURLWithPath: "/"),
        timeout: Duration = .seconds(60)
    ) throws -> ConfigurationError {
        let error = try #require(throws: ConfigurationError.self) {
            try resolve(arguments, environment: environment, baseDirectory: baseDirectory, timeout: timeout)
        }
        #expect(error.file == profilesFile)
        #expect(error.jsonPath == "profiles.service.clientSecret")
        #expect(error.description.contains(profilesFile))
        #expect(error.description.contains("profiles.service.clientSecret"))
        return error
    }

    /// Writes an executable shell script `name` into `directory`.
    @discardableResult
    func script(_ name: String, _ body: String, in directory: TemporaryDirectory) throws -> URL {
        let url = try directory.write(name, "#!/bin/sh\n" + body + "\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: url.path)
        return url
    }

    // MARK: Parsing

    @Test("parses {\"command\": [...]}")
    func parses() throws {
        let json: JSONValue = .object(["command": .array([.string("pass"), .string("show"), .string("box/secret")])])
        #expect(try SecretReference(json: json, file: nil, path: path) == .command(["pass", "show", "box/secret"]))
    }

    @Test(
        "refuses a command that is not a non-empty array of non-empty strings, naming the JSON path",
        arguments: [
            RefusedSecretShape(
                json: .object(["command": .string("pass show")]), code: .wrongType,
                jsonPath: "profiles.service.clientSecret.command"),
            RefusedSecretShape(
                json: .object(["command": .null]), code: .wrongType, jsonPath: "profiles.service.clientSecret.command"),
            RefusedSecretShape(
                json: .object(["command": .array([])]), code: .invalidValue,
                jsonPath: "profiles.service.clientSecret.command"),
            RefusedSecretShape(
                json: .object(["command": .array([.string("")])]), code: .wrongType,
                jsonPath: "profiles.service.clientSecret.command[0]"),
            RefusedSecretShape(
                json: .object(["command": .array([.string("pass"), .integer(3)])]), code: .wrongType,
                jsonPath: "profiles.service.clientSecret.command[1]"),
            RefusedSecretShape(
                json: .object(["command": .array([.string("pass")]), "env": .string("A")]), code: .invalidValue,
                jsonPath: "profiles.service.clientSecret"),
        ])
    func refusesShapes(shape: RefusedSecretShape) {
        shape.expectRefused(at: path)
    }

    @Test("ProfileSettings.validate reports a bad command shape and runs no command")
    func validationDoesNotRun() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let marker = directory.url.appendingPathComponent("ran")
        let declared = [ProviderSetting("clientSecret", .secret, summary: "The secret.")]
        func settings(_ value: JSONValue) -> ProfileSettings {
            ProfileSettings(
                profileName: "service", file: profilesFile, path: JSONPath("profiles", "service"),
                members: ["clientSecret": value], baseDirectory: directory.url, environment: systemPath)
        }
        let good: JSONValue = .object(["command": .array([.string("touch"), .string(marker.path)])])
        try settings(good).validate(against: declared)
        #expect(!FileManager.default.fileExists(atPath: marker.path))
        #expect(settings(good).permissionWarnings(declared: declared).isEmpty)

        let error = #expect(throws: ConfigurationError.self) {
            try settings(.object(["command": .array([])])).validate(against: declared)
        }
        #expect(error?.jsonPath == "profiles.service.clientSecret.command")
        #expect(error?.file == profilesFile)
    }

    // MARK: Running

    @Test("the output is the value, trimmed of surrounding whitespace and line breaks")
    func output() throws {
        #expect(try resolve(["/bin/echo", "  s3cret  "]) == "s3cret")
        #expect(try resolve(["printf", "\n\t two words \n\n"]) == "two words")
        #expect(try resolve(["printf", "line1\nline2\n"]) == "line1\nline2")
    }

    @Test("there is no implicit shell: arguments are passed as they are")
    func noShell() throws {
        #expect(try resolve(["echo", "$HOME; echo pwned"]) == "$HOME; echo pwned")
        #expect(try resolve(["echo", "`id`", "|", "cat", ">", "x"]) == "`id` | cat > x")
    }

    @Test("a shell may be run explicitly")
    func explicitShell() throws {
        #expect(try resolve(["sh", "-c", "printf '%s' \"from-$0\"", "shell"]) == "from-shell")
    }

    @Test("the child's environment is exactly the one given")
    func environment() throws {
        let environment = systemPath.merging(["BOX_TEST_VALUE": "from-the-environment"]) { a, _ in a }
        #expect(
            try resolve(["sh", "-c", "printf %s \"$BOX_TEST_VALUE\""], environment: environment)
                == "from-the-environment")
        #expect(try resolve(["sh", "-c", "printf %s \"${HOME-unset}\""]) == "unset")
    }

    @Test("a program without a slash is looked up on the given environment's PATH")
    func pathLookup() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try script("box-test-secret", "echo from-path-lookup", in: directory)
        try script("box-test-other", "echo from-second-folder", in: directory)
        let empty = directory.url.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        #expect(try resolve(["box-test-secret"], environment: ["PATH": directory.url.path]) == "from-path-lookup")
        #expect(
            try resolve(["box-test-other"], environment: ["PATH": "\(empty.path):\(directory.url.path)"])
                == "from-second-folder")

        let error = try failure(["echo", "x"], environment: ["PATH": empty.path])
        #expect(error.code == .commandFailed)
        #expect(error.message.contains("not found"))
        #expect(error.message.contains("'echo'"))
    }

    @Test("a relative program path is resolved against the profiles file's folder, which is its working folder")
    func relativePath() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try FileManager.default.createDirectory(
            at: directory.url.appendingPathComponent("bin"), withIntermediateDirectories: true)
        try script("bin/get-secret", "cat secret.txt", in: directory)
        try directory.write("secret.txt", "relative-secret\n")
        #expect(try resolve(["bin/get-secret"], baseDirectory: directory.url) == "relative-secret")
        #expect(try resolve(["./bin/../bin/get-secret"], baseDirectory: directory.url) == "relative-secret")
    }

    @Test("a program that cannot be started is commandFailed naming the path")
    func notExecutable() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("plain.txt", "not a program")
        for program in ["./plain.txt", "./absent", "/nonexistent/box-auth-test-program"] {
            let error = try failure([program], baseDirectory: directory.url)
            #expect(error.code == .commandFailed)
            #expect(error.message.contains("not an executable file"))
        }
        let error = try failure(["box-auth-test-program-that-does-not-exist"])
        #expect(error.code == .commandFailed)
        #expect(error.hint?.contains("PATH") == true)
    }

    @Test("a non-zero exit is commandFailed with the status and stderr, never stdout")
    func nonZeroExit() throws {
        let error = try failure(["sh", "-c", "echo printed-secret-value; echo 'item not found' >&2; exit 3"])
        #expect(error.code == .commandFailed)
        #expect(error.message.contains("exited with status 3"))
        #expect(error.message.contains("item not found"))
        #expect(error.message.contains("'sh'"))
        #expect(!error.description.contains("printed-secret-value"))
    }

    @Test("long stderr is shortened to one line in the message")
    func longStandardError() throws {
        let error = try failure(["sh", "-c", "head -c 100000 /dev/zero | tr '\\0' e >&2; echo >&2; exit 1"])
        #expect(error.code == .commandFailed)
        #expect(error.description.count < 1000)
        #expect(!error.description.contains("\n"))
    }

    @Test("a program killed by a signal is commandFailed")
    func signal() throws {
        let error = try failure(["sh", "-c", "echo printed-secret-value; kill -9 $$"])
        #expect(error.code == .commandFailed)
        #expect(error.message.contains("signal 9"))
        #expect(!error.description.contains("printed-secret-value"))
    }

    @Test("a program that does not finish in time is killed: commandTimedOut")
    func timeout() throws {
        let error = try failure(["sleep", "30"], timeout: .milliseconds(500))
        #expect(error.code == .commandTimedOut)
        #expect(error.message.contains("did not finish within 0.5 s"))
        #expect(error.message.contains("'sleep'"))
    }

    @Test("at the time limit the whole process group is killed: a grandchild holding stdout dies, the call returns")
    func timeoutKillsGroup() throws {
        let directory = try TemporaryDirectory()
        let pidFile = directory.url.appendingPathComponent("grandchild.pid")
        // The program ends at once; the sleep it started keeps its standard output open.
        let error = try failure(
            ["sh", "-c", "sleep 300 & echo $! > \"$1\"; echo printed-secret-value", "sh", pidFile.path],
            timeout: .milliseconds(500))
        #expect(error.code == .commandTimedOut)
        #expect(!error.description.contains("printed-secret-value"))
        let text = try String(contentsOf: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let pid = try #require(Int32(text))
        #expect(Self.isGone(pid), "the grandchild \(pid) still runs")
    }

    @Test("a program that runs on after its time limit is killed with its children")
    func timeoutKillsChildren() throws {
        let directory = try TemporaryDirectory()
        let pidFile = directory.url.appendingPathComponent("grandchild.pid")
        let error = try failure(
            ["sh", "-c", "sleep 300 & echo $! > \"$1\"; wait", "sh", pidFile.path], timeout: .milliseconds(500))
        #expect(error.code == .commandTimedOut)
        let text = try String(contentsOf: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let pid = try #require(Int32(text))
        #expect(Self.isGone(pid), "the grandchild \(pid) still runs")
    }

    /// Whether `pid` has ended: no such process, or a zombie waiting to be reaped by whoever
    /// inherited it (SIGKILL cannot be caught, so once sent it only has to be delivered).
    static func isGone(_ pid: Int32) -> Bool {
        for _ in 0..<500 {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else {
                return kill(pid, 0) != 0
            }
            // The state follows the command name in parentheses: "PID (comm) S ...".
            if let close = stat.lastIndex(of: ")"),
                stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).first == "Z"
            {
                return true
            }
            // Delivery of the SIGKILL already sent is not instant on a busy machine.
            usleep(10_000)
        }
        return false
    }

    @Test("empty or blank output is invalidValue")
    func emptyOutput() throws {
        for arguments in [["true"], ["echo", "  "], ["printf", "\n\n\t"]] {
            let error = try failure(arguments)
            #expect(error.code == .invalidValue)
            #expect(error.message.contains("printed nothing"))
        }
    }

    @Test("standard input is empty: cat ends at once with no output")
    func standardInputIsEmpty() throws {
        let error = try failure(["cat"])
        #expect(error.code == .invalidValue)
        #expect(error.message.contains("printed nothing"))
    }

    @Test("output that is not UTF-8 is invalidValue")
    func notUTF8() throws {
        let error = try failure(["printf", "\\377\\376secret"])
        #expect(error.code == .invalidValue)
        #expect(error.message.contains("not UTF-8"))
        #expect(!error.description.contains("secret\u{FFFD}"))
    }

    @Test("output up to 64 KiB is read whole, while the program writes")
    func largeOutput() throws {
        let value = try resolve(["sh", "-c", "head -c 65536 /dev/zero | tr '\\0' x"])
        #expect(value.count == 64 * 1024)
    }

    @Test(
        "output over 64 KiB is commandFailed, and an endless writer is killed",
        arguments: [
            ["sh", "-c", "head -c 65537 /dev/zero | tr '\\0' x"], ["yes", "printed-secret-value"],
        ])
    func tooMuchOutput(arguments: [String]) throws {
        let error = try failure(arguments)
        #expect(error.code == .commandFailed)
        #expect(error.message.contains("64 KiB"))
        #expect(!error.description.contains("printed-secret-value"))
    }

    @Test("several commands run at once from async code")
    func concurrentFromAsync() async throws {
        let values = try await withThrowingTaskGroup(of: String.self) { group in
            for index in 0..<8 {
                group.addTask { try resolve(["echo", "value-\(index)"]) }
            }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(values == Set((0..<8).map { "value-\($0)" }))
    }

    // MARK: Printing

    @Test("description names the program only; a resolved value does not print")
    func description() throws {
        let reference = SecretReference.command(["pass", "show", "box/secret"])
        #expect(reference.description == "command:pass")
        #expect(String(describing: reference) == "command:pass")
        let resolved = try SecretReference.command(["echo", "command-secret-value"]).resolve(
            environment: systemPath, baseDirectory: URL(fileURLWithPath: "/"), file: nil, path: path)
        #expect(resolved.exposedValue == "command-secret-value")
        var dumped = ""
        dump(resolved, to: &dumped)
        for text in [String(describing: resolved), String(reflecting: resolved), "\(resolved)", dumped] {
            #expect(!text.contains("command-secret-value"))
        }
    }
}
