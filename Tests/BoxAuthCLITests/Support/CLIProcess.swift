import BoxAuthTestSupport
import Foundation

/// Runs the built `box-auth` executable.
enum CLIProcess {
    typealias Result = ProductProcess.Result

    static func run(_ arguments: [String], environment: [String: String] = [:], in directory: URL? = nil) async throws -> Result {
        try await ProductProcess.run("box-auth", arguments, environment: environment, in: directory)
    }
}
