import ArgumentParser
import BoxAuth
import BoxAuthKeyring
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
            Box's callback. --store keyring keeps the tokens in the OS keyring (macOS Keychain, or the \
            Secret Service through secret-tool) instead of a 0600 file, and later commands of the profile find \
            them there; --store file moves them back. Exit codes: 0 signed in, 2 not an oauth2 profile (or \
            --store against the profile's "cache"), 3 access denied or the code refused, 4 the callback listener, \
            Box or the keyring unavailable, or the sign-in timed out.
            """)

    /// Where `--store` keeps the tokens.
    enum Store: String, ExpressibleByArgument, CaseIterable {
        case keyring
        case file
    }

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

    @Option(
        name: .long,
        help: "Where to keep the tokens: keyring (the OS keyring) or file (a 0600 file). Default: the profile's \"cache\", or where the last login put them.")
    var store: Store?

    func validate() throws {
        if let timeout { try NumericOption.loginTimeout.check(timeout) }
        if let port { try NumericOption.port.check(port) }
    }

    func run() async throws {
        try await ErrorReporting.run {
            let logger = logging.makeLogger()
            let environment = ProcessInfo.processInfo.environment
            let profile = try options.resolve(
                logger: logger, environment: environment, storeKind: store == .keyring ? KeyringStoreFactory.kind : nil,
                followsStoreChoice: store == nil)
            let choice = SignInStoreChoice(profile: profile.name, baseURL: profile.options.baseURL, environment: environment)
            let previous = try store.map { _ in try options.resolve(logger: logger, environment: environment) }
            if let store { try Self.check(store, against: profile) }
            if let provider = profile.provider as? OAuth2AuthProvider {
                // Reach the store before the browser: a keyring that does not answer fails now.
                _ = try await provider.store.load()
            }
            let seconds = try NumericOption.loginTimeout.check(timeout ?? 300)
            let signIn = try SignIn(
                profile: profile, port: try port.map(NumericOption.port.wholeNumber),
                timeout: .milliseconds(Int64(seconds * 1000)), logger: logger)
            let user = try await signIn.run(
                browser: browser(environment: environment),
                pasted: noBrowser
                    ? .standardInput { page in if page.status != 200 { Console.error("\(page.title): \(page.message)") } }
                    : nil)
            if let store {
                try await Self.record(store, choice: choice, previous: previous, now: profile)
            }
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

    /// Refuses `--store` against a profile whose own `"cache"` keeps tokens elsewhere.
    private static func check(_ store: Store, against profile: ResolvedProfile) throws {
        let cache = profile.options.cache.rawValue
        let agrees =
            switch store {
            case .keyring: cache == "memory" || cache == KeyringStoreFactory.kind
            case .file: cache == "memory" || cache == "file"
            }
        guard agrees else {
            throw ConfigurationError(
                code: .invalidValue,
                message: "profile '\(profile.name)' keeps its tokens in '\(cache)' (its \"cache\"), not in '\(store.rawValue)'.",
                hint: "Leave out --store, or change the profile's \"cache\".")
        }
    }

    /// Remembers where the tokens are now, and deletes the pair the profile kept elsewhere before.
    private static func record(
        _ store: Store, choice: SignInStoreChoice, previous: ResolvedProfile?, now: ResolvedProfile
    ) async throws {
        switch store {
        case .keyring: try choice.record(KeyringStoreFactory.kind)
        case .file: choice.remove()
        }
        guard let old = previous?.provider as? OAuth2AuthProvider, let new = now.provider as? OAuth2AuthProvider,
            type(of: old.store) != type(of: new.store)
        else { return }
        if (try? await old.store.load()) != nil {
            _ = try? await old.store.update { _ in TokenPairUpdate((), change: .remove) }
        }
    }
}
