import ArgumentParser
import BoxAuth

/// Turns errors into one stderr paragraph and the documented exit code.
enum ErrorReporting {
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
            throw ExitCode(reporting: error)
        }
    }
}
