import ArgumentParser
import BoxAuth

/// Turns errors into one stderr paragraph and the documented exit code.
enum ErrorReporting {
    /// 2 configuration, 3 refused, 4 unavailable, 1 anything else.
    static func exitCode(for error: any Error) -> Int32 {
        guard let error = error as? any BoxAuthError else { return 1 }
        switch error.category {
        case .configuration: return 2
        case .refused: return 3
        case .unavailable: return 4
        }
    }

    /// Runs `body`; on failure prints `box-auth: error: ...` and exits with the category's code.
    static func run(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as ExitCode {
            throw error
        } catch let error as CleanExit {
            throw error
        } catch {
            Console.error("box-auth: error: \(error)")
            throw ExitCode(exitCode(for: error))
        }
    }
}
