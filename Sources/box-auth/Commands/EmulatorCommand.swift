import ArgumentParser
import BoxAuthEmulator
import BoxAuthProviders
import Foundation

/// `box-auth emulator`: runs the Box token endpoint emulator in the foreground.
struct EmulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emulator",
        abstract: "Run a local Box token endpoint (and /2.0/users/me) for offline testing.")

    @Option(name: .long, help: "The address to listen on (loopback by default).") var host = "127.0.0.1"
    @Option(name: .long, help: "The port (0 picks a free one).") var port = 8080
    @Option(name: .long, help: "A Box config.json whose app to register (repeatable).") var app: [String] = []
    @Option(name: .long, help: "A user ID the apps may act as (repeatable).") var user: [String] = []
    @Option(name: .long, help: "The expires_in of issued tokens, in seconds.") var tokenLifetime = 3600
    @OptionGroup var logging: LoggingOptionGroup

    func run() async throws {
        try await ErrorReporting.run {
            var configuration = BoxEmulator.Configuration()
            configuration.tokenLifetime = tokenLifetime
            configuration.logger = logging.makeLogger()
            let emulator = BoxEmulator(configuration: configuration)
            for path in app {
                let url = FilePaths.resolve(path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
                let config = try BoxAppConfig.load(contentsOf: url)
                await emulator.register(try EmulatedApp(config: config, knownUserIDs: Set(user)))
                Console.out("registered app \(config.clientID) (enterprise \(config.enterpriseID ?? "none"), key \(config.publicKeyID))")
            }
            let url = try await emulator.start(host: host, port: port)
            Console.out("Box emulator listening on \(url.absoluteString) (token endpoint \(url.absoluteString)/oauth2/token). Ctrl-C stops it.")
            while !Task.isCancelled { try await Task.sleep(for: .seconds(3600)) }
            await emulator.stop()
        }
    }
}
