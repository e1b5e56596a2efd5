@testable import BoxAuth
import BoxAuthTestKit
import Foundation
import Testing

/// The one runner of helper programs: input on a socket, output capped, a hard deadline.
@Suite("ChildProgram")
struct ChildProgramTests {
    static func program(_ script: String, input: Data? = nil, timeout: Duration = .seconds(120)) -> ChildProgram {
        var program = ChildProgram(
            executable: URL(fileURLWithPath: "/bin/sh"), arguments: ["-c", script], environment: [:], timeout: timeout)
        program.input = input
        return program
    }

    @Test("the input arrives whole, then end of file; the output comes back")
    func inputAndOutput() async throws {
        let outcome = try await Self.program("cat", input: Data("a secret\nline two".utf8)).runOnOwnThread()
        #expect(outcome.status == 0)
        #expect(String(decoding: outcome.output, as: UTF8.self) == "a secret\nline two")
    }

    @Test("a program that ends without reading its input: its status, and no SIGPIPE for this process")
    func unreadInput() async throws {
        let outcome = try await Self.program("exit 3", input: Data(repeating: 0x61, count: ChildProgram.inputLimit))
            .runOnOwnThread()
        #expect(outcome.status == 3)
        #expect(!outcome.wasSignalled)
    }

    @Test("input over the limit is refused before anything starts")
    func inputTooLarge() async throws {
        await #expect(throws: ChildProgram.Failure.cannotStart) {
            _ = try await Self.program("cat", input: Data(count: ChildProgram.inputLimit + 1)).runOnOwnThread()
        }
    }

    @Test("a program that never ends is killed at the deadline, its waiting input and all")
    func deadline() async throws {
        await #expect(throws: ChildProgram.Failure.timedOut) {
            _ = try await Self.program("sleep 600", input: Data("x".utf8), timeout: .milliseconds(200)).runOnOwnThread()
        }
    }

    @Test("find looks on the given PATH only, and skips relative folders without a base")
    func find() {
        #expect(ChildProgram.find("sh", searchPath: "/nonexistent:/bin")?.path == "/bin/sh")
        #expect(ChildProgram.find("sh", searchPath: "/nonexistent") == nil)
        #expect(ChildProgram.find("sh", searchPath: "relative") == nil)
    }
}
