import BoxAuth
import BoxAuthProviders
import Foundation
import Logging

// One "machine" of benchmark 9's fleet herd. Builds the provider of a profile (as `box-auth token`
// would, with its own XDG_CACHE_HOME), prints `ready`, waits for a `go` line on stdin, then starts
// CALLERS tasks that each ask for a token at once. Prints one line,
// `latencies=NS,NS,... tokens=FINGERPRINT,...`: each caller's latency (from `go`), and a 64-bit
// FNV-1a fingerprint of each distinct token (never the token itself).
//
//   FleetMember PROFILES_FILE PROFILE CALLERS
let arguments = CommandLine.arguments
guard arguments.count == 4, let callers = Int(arguments[3]), callers > 0 else {
    FileHandle.standardError.write(Data("usage: FleetMember PROFILES_FILE PROFILE CALLERS\n".utf8))
    exit(2)
}
var logger = Logger(label: "fleet-member")
logger.logLevel = .error
let provider = try AuthProviderRegistry.standard.profile(arguments[2], profilesFile: arguments[1], logger: logger)
FileHandle.standardOutput.write(Data("ready\n".utf8))
guard readLine() == "go" else { exit(3) }

let started = ContinuousClock.now
let results = try await withThrowingTaskGroup(of: (Duration, String).self) { group in
    for _ in 0..<callers {
        group.addTask {
            let token = try await provider.accessToken()
            return (ContinuousClock.now - started, token.value)
        }
    }
    var results: [(Duration, String)] = []
    results.reserveCapacity(callers)
    for try await result in group { results.append(result) }
    return results
}

/// 64-bit FNV-1a of `text`: enough to tell tokens apart without printing them.
func fingerprint(_ text: String) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    return String(hash, radix: 16)
}

let latencies = results.map { (duration, _) in
    String(Int(duration.components.seconds) * 1_000_000_000 + Int(duration.components.attoseconds / 1_000_000_000))
}
let tokens = Set(results.map { fingerprint($0.1) })
FileHandle.standardOutput.write(
    Data("latencies=\(latencies.joined(separator: ",")) tokens=\(tokens.sorted().joined(separator: ","))\n".utf8))
