import Foundation

// Runs each hot path a fixed number of times between CALLGRIND_ZERO_STATS and
// CALLGRIND_DUMP_STATS_AT("NAME xN"), so that callgrind writes one profile per path (all threads)
// whose total, divided by N, is the instructions of one call. Outside valgrind it just runs them.
//
// Usage: HotPaths FIXTURES [NAME...]   (FIXTURES: Tests/BoxAuthTestKit/Fixtures of the repository)

let arguments = CommandLine.arguments.dropFirst()
guard let fixtures = arguments.first.map({ URL(fileURLWithPath: $0) }) else {
    FileHandle.standardError.write(Data("usage: HotPaths FIXTURES [NAME...]\n".utf8))
    exit(2)
}
let only = Set(arguments.dropFirst())

// The work runs in a detached task while the main thread waits on a semaphore, so that the main
// thread never enters dispatch_main (whose sigsuspend valgrind 3.19 needs CValgrindSigsuspend for).
let done = DispatchSemaphore(value: 0)
nonisolated(unsafe) var failure: (any Error)?
Task.detached {
    do { try await HotPathRun.run(fixtures: fixtures, only: only) } catch { failure = error }
    done.signal()
}
done.wait()
if let failure {
    FileHandle.standardError.write(Data("HotPaths: \(failure)\n".utf8))
    exit(1)
}
