import ArgumentParser
import BoxAuthOAuth2
import BoxAuthProviders
import BoxAuthSignIn
import Foundation

/// `box-auth login`: signs a user in through the browser for an `oauth2` profile.
struct LoginCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "login",
        abstract: "Sign in as a user in a browser (oauth2 profiles) and keep the tokens for later commands.",
        discussion: """
            Prints the authorization address on stderr, opens the browser, and waits on 127.0.0.1 for \
            Box's callback. Exit codes: 0 signed in, 2 not an oauth2 profile, 3 access denied or the code \
            refused, 4 the callback listener or Box unavailable, or the sign-in timed out.
            """)

    @OptionGroup var options: ProfileOptionGroup
    @OptionGroup var logging: LoggingOptionGroup

    @Flag(
        name: .long,
        help: "Do not open a browser; print the address, and accept the address the browser ended on pasted here.")
    var noBrowser = false

    @Option(
        name: .long, parsing: .unconditional,
        help: "The port to listen on for the callback, \(NumericOption.port.rangeText) (default: a free one).")
    var port: Double?

    @Option(
        name: .long, parsing: .unconditional,
        help: "Seconds to wait for the sign-in, \(NumericOption.loginTimeout.rangeText) (default: 300).")
    var timeout: Double?

    func validate() throws {
        if let timeout { try NumericOption.loginTimeout.check(timeout) }
        if let port { try NumericOption.port.check(port) }
    }

    func run() async throws {
        try await ErrorReporting.run {
            let logger = logging.makeLogger()
            let environment = ProcessInfo.processInfo.environment
            let profile = try options.resolve(logger: logger, environment: environment)
            let seconds = try NumericOption.loginTimeout.check(timeout ?? 300)
            let signIn = try SignIn(
                profile: profile, port: try port.map(NumericOption.port.wholeNumber),
                timeout: .milliseconds(Int64(seconds * 1000)), logger: logger)
            let user = try await signIn.run(
                browser: browser(environment: environment),
                pasted: noBrowser
                    ? .standardInput { page in if page.status != 200 { Console.error("\(page.title): \(page.message)") } }
                    : nil)
            Console.out(
                "Signed in as \(MessageText.escaped(user.name)) (\(MessageText.escaped(user.id)))"
                    + " with profile '\(profile.name)'.")
        }
    }

    /// Prints the address on stderr, then opens the system browser unless `--no-browser`.
    private func browser(environment: [String: String]) -> BrowserOpener {
        let system = BrowserOpener.system(environment: environment)
        return BrowserOpener { [noBrowser] url in
            Console.error("Sign in to Box in a browser at this address:")
            Console.error(url.absoluteString)
            if noBrowser {
                Console.error("Or paste here the address the browser ended on, then press Enter.")
                return false
            }
            guard try await system.open(url) else {
                Console.error("Could not open a browser; open the address above yourself.")
                return false
            }
            return true
        }
    }
}
