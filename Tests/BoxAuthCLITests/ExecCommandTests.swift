import BoxAuth
import BoxAuthTestSupport
import Foundation
import Testing

@Suite("box-auth exec: the child's environment, process group, signals and exit codes")
struct ExecCommandTests {
    static let environment = ["CLI_TEST_SECRET": TestIdentity.clientSecret, "EXEC_TEST_UNRELATED": "kept"]

    static func exec(_ fixture: EmulatorFixture, _ script: String) -> [String] {
        ["exec", "--profiles", fixture.profilesPath, "--profile", "automation", "--", "sh", "-c", script]
    }

    @Test("the child gets the token and the BOX_ variables, keeps the rest, and loses the profile's secret variables")
    func environmentIsScrubbed() async throws {
        try await EmulatorFixture.withCLI { fixture in
            let result = try await ProductProcess.boxAuth(Self.exec(fixture, "env"), environment: Self.environment)
            #expect(result.status == 0, "\(result.stderr)")
            let lines = Set(result.stdout.split(separator: "\n").map(String.init))
            #expect(!lines.contains { $0.hasPrefix("CLI_TEST_SECRET=") })
            #expect(!result.stdout.contains(TestIdentity.clientSecret))
            #expect(lines.contains("EXEC_TEST_UNRELATED=kept"))
            #expect(lines.contains { $0.hasPrefix("BOX_ACCESS_TOKEN=") && $0.count > "BOX_ACCESS_TOKEN=".count })
            #expect(lines.contains("BOX_PROFILE=automation"))
            #expect(lines.contains("BOX_AS_USER=\(TestIdentity.userID)"))
        }
    }

    @Test("the child runs in box-auth's process group")
    func sameProcessGroup() async throws {
        try await EmulatorFixture.withCLI { fixture in
            // Field 5 of /proc/PID/stat is the process group; $PPID is box-auth, which started sh.
            let script = #"read -r _ _ _ _ mine _ < /proc/$$/stat; read -r _ _ _ _ parent _ < /proc/$PPID/stat; echo "$$ $mine $parent""#
            let result = try await ProductProcess.boxAuth(Self.exec(fixture, script), environment: Self.environment)
            #expect(result.status == 0, "\(result.stderr)")
            let fields = result.stdout.split(whereSeparator: \.isWhitespace).map(String.init)
            try #require(fields.count == 3, "\(result.stdout)")
            #expect(fields[1] == fields[2], "child's group \(fields[1]), box-auth's \(fields[2])")
            #expect(fields[0] != fields[1], "the child leads a group of its own")
        }
    }

    @Test("SIGTERM to box-auth reaches the child; box-auth exits with the child's code (42)")
    func forwardsTerm() async throws {
        try await EmulatorFixture.withCLI { fixture in
            let script = #"trap 'exit 42' TERM; echo ready >&2; while :; do sleep 0.1; done"#
            let running = try RunningProduct.start(Self.exec(fixture, script), environment: Self.environment)
            defer { running.terminate() }
            let ready = try await running.stderrLine { $0 == "ready" }
            try #require(ready != nil, "\(running.stderr)")
            running.terminate()
            let result = await running.result()
            #expect(result.status == 42, "\(result.stderr)")
        }
    }

    @Test("SIGINT, SIGHUP and SIGQUIT sent to box-auth are passed on too", arguments: [SIGINT, SIGHUP, SIGQUIT])
    func forwardsOthers(signal: Int32) async throws {
        try await EmulatorFixture.withCLI { fixture in
            let script =
                #"trap 'exit 40' INT; trap 'exit 41' HUP; trap 'exit 43' QUIT; echo ready >&2; while :; do sleep 0.1; done"#
            let running = try RunningProduct.start(Self.exec(fixture, script), environment: Self.environment)
            defer { running.terminate() }
            try #require(try await running.stderrLine { $0 == "ready" } != nil, "\(running.stderr)")
            running.send(signal: signal)
            let result = await running.result()
            #expect(result.status == [SIGINT: 40, SIGHUP: 41, SIGQUIT: 43][signal], "\(result.stderr)")
        }
    }

    @Test("a child killed by SIGKILL makes box-auth exit 137 (128 + 9)")
    func killedChild() async throws {
        try await EmulatorFixture.withCLI { fixture in
            let result = try await ProductProcess.boxAuth(Self.exec(fixture, "kill -KILL $$"), environment: Self.environment)
            #expect(result.status == 137, "\(result.stderr)")
        }
    }

    @Test("a command that is not found exits 127, naming it")
    func notFound() async throws {
        try await EmulatorFixture.withCLI { fixture in
            let result = try await ProductProcess.boxAuth(
                ["exec", "--profiles", fixture.profilesPath, "--profile", "automation", "--", "no-such-program-here"],
                environment: Self.environment)
            #expect(result.status == 127)
            #expect(result.stderr.contains("no-such-program-here"))
        }
    }
}
