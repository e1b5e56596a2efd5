import ArgumentParser
import BoxAuthEmulator
import BoxAuthProviders
import Foundation
import Logging

/// `box-auth demo`: every built-in provider against a local emulator, no Box account needed.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Get a token through every built-in provider from a local Box emulator and show who each acts as.")

    @OptionGroup var logging: LoggingOptionGroup

    func run() async throws {
        try await ErrorReporting.run {
            let logger = logging.makeLogger()
            Console.out("Starting the Box emulator and creating a key pair, config.json and profiles.json ...")
            var configuration = BoxEmulator.Configuration()
            configuration.logger = logger
            let sandbox = try await EmulatorSandbox.start(configuration: configuration)
            Console.out("Emulator: \(sandbox.baseURL.absoluteString)   profiles: \(sandbox.profilesURL.path)\n")
            let outcome: DemoRunner.Outcome
            do {
                outcome = try await DemoRunner(sandbox: sandbox, logger: logger).run()
            } catch {
                await sandbox.stop()
                throw error
            }
            await sandbox.stop()
            Console.out(outcome.table.render())
            for failure in outcome.failures { Console.error("box-auth: error: \(failure)") }
            guard outcome.failures.isEmpty else { throw ExitCode.failure }
            Console.out("\nEvery provider got a token and called /2.0/users/me.")
        }
    }
}
