import ArgumentParser
import BoxAuthEmulator
import BoxAuthProviders
import Foundation

/// `box-auth emulator`: runs the Box token endpoint emulator in the foreground.
struct EmulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emulator",
        abstract: "Run a local Box token endpoint (and /2.0/users/me) for offline testing.",
        discussion: """
            Faults make the next token requests misbehave, in the order given, to test how a client \
            copes; requests after them are answered normally. Each --fault is KIND[=VALUE][:COUNT] \
            (COUNT defaults to 1):

              429, 429=N        429 with Retry-After: N seconds (default 1)
              429-date[=N]      429 with an HTTP-date Retry-After N s ahead (default 1)
              429-bare          429 without Retry-After
              500, 502, 503...  that status (any 4xx or 5xx) with Box's JSON error shape
              close             close the connection without answering
              stall, stall=S    answer normally after S seconds, or never
              truncated         200 with truncated JSON
              html              200 with an HTML page (text/html)
              no-token          200 without access_token
              jti               refuse the assertion's jti as reused (JWT requests only)

            Example: box-auth emulator --app box_config.json --fault 429:2 --fault close:1 --clock-offset 300

            --clock-offset runs the emulator's clock ahead of this machine's (behind when negative, \
            e.g. --clock-offset -300). It judges assertion 'exp' claims and dates every response's \
            Date header, as a Box server with a skewed clock would.
            """)

    @Option(name: .long, help: "The address to listen on (loopback by default).") var host = "127.0.0.1"
    @Option(
        name: .long, parsing: .unconditional,
        help: "The port, \(NumericOption.port.rangeText) (0 picks a free one; default: 8080).")
    var port: Double?
    @Option(name: .long, help: "A Box config.json whose app to register (repeatable).") var app: [String] = []
    @Option(name: .long, help: "A user ID the apps may act as (repeatable).") var user: [String] = []
    @Option(
        name: .long, parsing: .unconditional,
        help: "The expires_in of issued tokens, \(NumericOption.tokenLifetime.rangeText) (default: 3600).")
    var tokenLifetime: Double?
    @Option(
        name: .long,
        help: ArgumentHelp(
            "A fault for the next token requests, KIND[=VALUE][:COUNT], e.g. 429:2 (repeatable, in order).",
            valueName: "fault"),
        transform: { try FaultInjection(parsing: $0) })
    var fault: [FaultInjection] = []
    @Option(
        name: .long, parsing: .unconditional,
        help: "Seconds the emulator's clock runs ahead of this machine's (negative: behind), \(NumericOption.clockOffset.rangeText).")
    var clockOffset: Double = 0
    @OptionGroup var logging: LoggingOptionGroup

    func validate() throws {
        if let port { try NumericOption.port.check(port) }
        if let tokenLifetime { try NumericOption.tokenLifetime.check(tokenLifetime) }
        try NumericOption.clockOffset.check(clockOffset)
    }

    func run() async throws {
        try await ErrorReporting.run {
            var configuration = BoxEmulator.Configuration()
            configuration.tokenLifetime = try tokenLifetime.map(NumericOption.tokenLifetime.wholeNumber) ?? 3600
            configuration.clockOffset = clockOffset
            configuration.logger = logging.makeLogger()
            let emulator = BoxEmulator(configuration: configuration)
            for path in app {
                let url = FilePaths.resolve(
                    path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
                let config = try BoxAppConfig.load(contentsOf: url)
                await emulator.register(try EmulatedApp(config: config, knownUserIDs: Set(user)))
                Console.out(
                    "registered app \(config.clientID) (enterprise \(config.enterpriseID ?? "none"), key \(config.publicKeyID))"
                )
            }
            for injection in fault {
                await emulator.inject(injection)
                Console.out("queued fault \(injection.fault) for \(injection.count) token request(s)")
            }
            if clockOffset != 0 { Console.out("emulator clock offset \(clockOffset) s") }
            let url = try await emulator.start(host: host, port: try port.map(NumericOption.port.wholeNumber) ?? 8080)
            Console.out(
                "Box emulator listening on \(url.absoluteString) (token endpoint \(url.absoluteString)/oauth2/token). Ctrl-C stops it."
            )
            while !Task.isCancelled { try await Task.sleep(for: .seconds(3600)) }
            await emulator.stop()
        }
    }
}
