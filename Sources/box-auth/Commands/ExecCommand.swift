import ArgumentParser
import BoxAuthProviders
import Foundation

/// `box-auth exec -- CMD ARGS...`: runs a program with a token in its environment, as aws-vault does.
struct ExecCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exec",
        abstract: "Run a command with BOX_ACCESS_TOKEN (and BOX_AS_USER) set; its exit code is passed through.",
        discussion: """
            The command gets box-auth's environment without the variables the profile's secrets are \
            read from ({"env": "NAME"} secrets, cacheURL included), plus BOX_ACCESS_TOKEN, BOX_PROFILE \
            and BOX_AS_USER. It runs in box-auth's process group (it can read the terminal); SIGINT, \
            SIGTERM, SIGHUP and SIGQUIT sent to box-auth are passed on to it.

            Exit codes: 2, 3 or 4 as for every command when no token could be had; once the command \
            has started, its exit code, 128 + N when signal N ended it, 127 when it is not found, \
            126 when it cannot be run.
            """)

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
            let registry = AuthProviderRegistry.commandLine
            let file = try options.loadFile(environment: environment)
            let profile = try registry.profile(
                options.profile, in: file, environment: environment, logger: logging.makeLogger())
            let token = try await profile.accessToken()
            // The child gets the token, not the credentials it was made with.
            var childEnvironment = environment
            for name in registry.secretEnvironmentVariables(
                of: try file.settings(for: profile.name, environment: environment))
            {
                childEnvironment[name] = nil
            }
            childEnvironment["BOX_ACCESS_TOKEN"] = token.value
            childEnvironment["BOX_PROFILE"] = profile.name
            childEnvironment["BOX_AS_USER"] = profile.options.asUser
            status = await ChildProcess.run(
                program: program, arguments: Array(arguments.dropFirst()), environment: childEnvironment)
        }
        if status != 0 { throw ExitCode(status) }
    }
}
