public import BoxAuth
public import Foundation
public import Logging

/// Runs the command and reads `{"access_token": ..., "expires_in": ...}` from its standard output.
///
/// The program gets no standard input; its standard error is discarded (it might hold secrets);
/// output over 64 KiB, a non-zero exit, a run longer than the timeout, or output that is not
/// that JSON each give a ``CommandProviderError``.
public struct CommandTokenFetcher: TokenFetcher {
    /// The program and its arguments (the program is looked up on `PATH`).
    public let command: [String]
    /// Seconds the program may run.
    public let timeout: TimeInterval
    /// Receives one debug line per run.
    public let logger: Logger?

    /// A fetcher for `command`.
    public init(command: [String], timeout: TimeInterval = 30, logger: Logger? = nil) {
        self.command = command
        self.timeout = timeout
        self.logger = logger
    }

    /// Runs the program once and decodes its output.
    public func fetchToken() async throws -> AccessToken {
        let program = command.first ?? ""
        let run = try await CommandRun.execute(command, timeout: timeout)
        logger?.debug("command finished", metadata: ["program": "\(program)", "status": "\(run.status)"])
        guard run.status == 0 else { throw CommandProviderError.nonZeroExit(program: program, status: run.status) }
        return try Self.decode(run.output, program: program, receivedAt: Date())
    }

    /// Decodes the program's output.
    static func decode(_ output: Data, program: String, receivedAt: Date) throws(CommandProviderError) -> AccessToken {
        guard let json = try? JSONDecoder().decode(JSONValue.self, from: output), let fields = json.objectValue else {
            throw .badOutput(program: program, detail: "standard output is not a JSON object")
        }
        guard case .string(let token)? = fields["access_token"], !token.isEmpty else {
            throw .badOutput(program: program, detail: "no access_token string")
        }
        guard let expiresIn = fields["expires_in"]?.doubleValue, expiresIn > 0, expiresIn.isFinite else {
            throw .badOutput(program: program, detail: "no positive expires_in number")
        }
        return AccessToken(
            value: token, tokenType: fields["token_type"]?.stringValue ?? "bearer",
            expiresAt: receivedAt.addingTimeInterval(expiresIn), receivedAt: receivedAt)
    }
}
