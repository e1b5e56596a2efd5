import BoxAuth
import BoxAuthTestKit
import Foundation
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The machine's file lock: a deadline for a stuck holder, and only box-auth's own lock file.
@Suite("FileLock")
struct FileLockTests {
    @Test("a holder that never lets go holds up the next caller only until the timeout: a lockTimeout error")
    func stuckHolder() async throws {
        try await TemporaryDirectory.with { directory in
            let url = directory.url.appendingPathComponent("stuck.lock")
            let holder = try LockHolder.holding(url)
            defer { holder.release() }
            let ran = RunCount()
            let error = await #expect(throws: TokenStoreError.self) {
                try await FileLock(url: url, timeout: .milliseconds(200)).withLock(hint: "hint") { ran.add() }
            }
            #expect(error?.isLockTimeout == true)
            #expect(error?.category == .unavailable)
            #expect(error?.description.contains(url.path) == true)
            #expect(ran.count == 0)
            holder.release()
            try await FileLock(url: url, timeout: .seconds(30)).withLock(hint: "hint") { ran.add() }
            #expect(ran.count == 1)
        }
    }

    @Test("a lock file that is a symbolic link is refused, and its target left alone")
    func symbolicLink() async throws {
        try await TemporaryDirectory.with { directory in
            let target = try directory.write("elsewhere", "not a lock")
            let url = directory.url.appendingPathComponent("linked.lock")
            try FileManager.default.createSymbolicLink(at: url, withDestinationURL: target)
            let error = await #expect(throws: ConfigurationError.self) {
                try await FileLock(url: url).withLock(hint: "hint") {}
            }
            #expect(error?.category == .configuration)
            #expect(error?.message.contains("symbolic link") == true)
            #expect(error?.file == url.path)
            #expect(try String(contentsOf: target, encoding: .utf8) == "not a lock")
        }
    }

    @Test(
        "a lock file others may write (0666, 0620) is refused naming its mode and chmod 600", arguments: [0o666, 0o620])
    func writableByOthers(mode: Int) async throws {
        try await TemporaryDirectory.with { directory in
            let url = try directory.write("open.lock", "")
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: url.path)
            let error = await #expect(throws: ConfigurationError.self) {
                try await FileLock(url: url).withLock(hint: "hint") {}
            }
            #expect(error?.message.contains(String(mode, radix: 8)) == true)
            #expect(error?.hint?.contains("chmod 600") == true)
        }
    }

    @Test("a lock file owned by another user (nobody) is refused naming the owner", .enabled(if: OtherUser.isAvailable))
    func otherOwner() async throws {
        try await TemporaryDirectory.with { directory in
            let url = try directory.write("theirs.lock", "")
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path)
            try OtherUser.giveAway(url)
            let error = await #expect(throws: ConfigurationError.self) {
                try await FileLock(url: url).withLock(hint: "hint") {}
            }
            #expect(error?.message.contains("nobody") == true)
            #expect(error?.file == url.path)
        }
    }

    @Test("a missing lock file is created 0600 and the lock works")
    func created() async throws {
        try await TemporaryDirectory.with { directory in
            let url = directory.url.appendingPathComponent("new.lock")
            try await FileLock(url: url).withLock(hint: "hint") {}
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        }
    }
}

/// Counts the runs of a lock's body.
final class RunCount: Sendable {
    private let value = Mutex(0)
    func add() { value.withLock { $0 += 1 } }
    var count: Int { value.withLock { $0 } }
}
