import ArgumentParser
import BoxAuthProviders
import Foundation

/// `box-auth exec -- CMD ARGS...`: runs a program with a token in its environment, as aws-vault does.
struct ExecCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exec",
        abstract: "Run a command with BOX_ACCESS_TOKEN (and BOX_AS_USER) set; its exit code is passed through.")

    @OptionGroup var options: ProfileOptionGroup
    @OptionGroup var logging: LoggingOptionGroup

    @Argument(parsing: .captureForPassthrough, help: "The command and its arguments (after --).")
    var command: [String] = []

    func run() async throws {
        var status: Int32 = 0
        try await ErrorReporting.run {
            let arguments = command.first == "--" ? Array(command.dropFirst()) : command
            guard let program = arguments.first else {
                throw ValidationError("Give a command after --, e.g. box-auth exec -- env.")
            }
            let environment = ProcessInfo.processInfo.environment
            let profile = try options.resolve(logger: logging.makeLogger(), environment: environment)
            let token = try await profile.accessToken()
            var childEnvironment = environment
            childEnvironment["BOX_ACCESS_TOKEN"] = token.value
            childEnvironment["BOX_PROFILE"] = profile.name
            childEnvironment["BOX_AS_USER"] = profile.options.asUser
            status = try await ChildProcess.run(
                program: program, arguments: Array(arguments.dropFirst()), environment: childEnvironment)
        }
        if status != 0 { throw ExitCode(status) }
    }
}
