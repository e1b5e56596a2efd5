import ArgumentParser
import BoxAuthOAuth2
import BoxAuthProviders
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
            guard let provider = profile.provider as? OAuth2AuthProvider else {
                throw LoginError.notOAuth2(profile: profile.name, kind: profile.kind)
            }
            let client = provider.client
            let login = LoginFlow(provider: provider, profile: profile)
            let server = try await LoopbackCallbackServer.start(
                port: try port.map(NumericOption.port.wholeNumber) ?? client.redirectURI.port ?? 0, path: client.redirectURI.path, logger: logger
            ) { parameters in
                await login.handle(parameters)
            }
            let redirect =
                client.redirectsToLoopback ? client.loopbackRedirectURI(port: server.port) : client.redirectURI
            let request = try client.authorizationRequest(redirectURI: redirect)
            await login.begin(request)
            Console.error("Sign in to Box in a browser at this address:")
            Console.error(request.url.absoluteString)
            if noBrowser {
                Console.error("Or paste here the address the browser ended on, then press Enter.")
                PastedCallbackReader.start { parameters in await login.handle(parameters) }
            } else if !BrowserOpener.open(request.url, environment: environment) {
                Console.error("Could not open a browser; open the address above yourself.")
            }
            let seconds = try NumericOption.loginTimeout.check(timeout ?? 300)
            let timer = Task {
                try await Task.sleep(for: .milliseconds(Int64(seconds * 1000)))
                await login.timeOut()
            }
            let outcome = await login.wait()
            timer.cancel()
            await server.stop()
            switch outcome {
            case .signedIn(let user):
                Console.out("Signed in as \(user.name) (\(user.id)) with profile '\(profile.name)'.")
            case .failed(let error):
                throw error
            case .timedOut:
                throw LoginError.timedOut(seconds: seconds)
            }
        }
    }
}
