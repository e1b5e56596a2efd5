import BoxAuth
import BoxAuthJWT
import BoxAuthURLSession
import Foundation
import Logging

// Times swift-box-auth against a token server in another process (Benchmarks/compare-sdks.sh starts
// the emulator), the way the Python SDKs are timed there: the profile's provider built and its first
// token fetched (cold), then N refreshes (invalidate, then accessToken) through URLSession, and
// the key's decryption alone. Prints one JSON object of microseconds (medians).
//
// Usage: RefreshTiming PROFILES_FILE PROFILE CONFIG_JSON N

#if BOX_AUTH_API_3F9B01F
FileHandle.standardError.write(Data("RefreshTiming: not built for 3f9b01f's API\n".utf8))
exit(2)
#else
let arguments = CommandLine.arguments
guard arguments.count == 5, let count = Int(arguments[4]), count > 0 else {
    FileHandle.standardError.write(Data("usage: RefreshTiming PROFILES_FILE PROFILE CONFIG_JSON N\n".utf8))
    exit(2)
}

func microseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1e6 + Double(duration.components.attoseconds) / 1e12
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted[sorted.count / 2]
}

let done = DispatchSemaphore(value: 0)
nonisolated(unsafe) var failure: (any Error)?
Task.detached {
    do {
        var registry = AuthProviderRegistry(defaultTransport: URLSessionTransport())
        try registry.register(JWTProviderFactory())
        var logger = Logger(label: "refresh-timing")
        logger.logLevel = .error
        let clock = ContinuousClock()

        let started = clock.now
        let file = try ProfilesFile.load(contentsOf: URL(fileURLWithPath: arguments[1]))
        let profile = try registry.profile(arguments[2], in: file, environment: [:], logger: logger)
        _ = try await profile.provider.accessToken()
        let firstToken = clock.now - started

        var decryptions: [Double] = []
        let config = try BoxAppConfig.load(contentsOf: URL(fileURLWithPath: arguments[3]))
        for _ in 0..<max(5, count / 20) {
            let start = clock.now
            _ = try config.loadPrivateKey()
            decryptions.append(microseconds(clock.now - start))
        }

        var refreshes: [Double] = []
        for _ in 0..<count {
            let start = clock.now
            let token = try await profile.provider.accessToken()
            await profile.provider.invalidate(token)
            _ = try await profile.provider.accessToken()
            refreshes.append(microseconds(clock.now - start))
        }
        print(
            #"{"first_token_us": \#(microseconds(firstToken)), "key_decrypt_us": \#(median(decryptions)), "refresh_us": \#(median(refreshes)), "refreshes": \#(count)}"#
        )
    } catch {
        failure = error
    }
    done.signal()
}
done.wait()
if let failure {
    FileHandle.standardError.write(Data("RefreshTiming: \(failure)\n".utf8))
    exit(1)
}
#endif
