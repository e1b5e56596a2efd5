import ArgumentParser

/// `box-auth`: access tokens for the Box API from named profiles.
@main
struct BoxAuthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "box-auth",
        abstract: "Get Box API access tokens from the profiles in profiles.json.",
        discussion: """
            Exit codes: 0 success, 2 configuration error (profiles, config.json, key), \
            3 refused by the token endpoint, 4 network or server unavailable. Once exec has started \
            its command: the command's exit code, 128 + N when signal N ended it, 127 when it is not \
            found, 126 when it cannot be run.
            """,
        version: "0.1.0",
        subcommands: [
            TokenCommand.self, ExecCommand.self, DownscopeCommand.self, RevokeCommand.self, LoginCommand.self,
            LogoutCommand.self, ProfilesCommand.self,
            ProvidersCommand.self, KeysCommand.self, ServeCommand.self,
            DemoCommand.self, EmulatorCommand.self,
        ]
    )
}
