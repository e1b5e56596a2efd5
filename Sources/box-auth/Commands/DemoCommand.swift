import ArgumentParser
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
            let workspace = try await DemoWorkspace.create(logger: logger)
            Console.out("Emulator: \(workspace.baseURL.absoluteString)   profiles: \(workspace.profilesURL.path)\n")
            let outcome: DemoRunner.Outcome
            do {
                outcome = try await DemoRunner(workspace: workspace, logger: logger).run()
            } catch {
                await workspace.tearDown()
                throw error
            }
            await workspace.tearDown()
            Console.out(outcome.table.render())
            for failure in outcome.failures { Console.error("box-auth: error: \(failure)") }
            guard outcome.failures.isEmpty else { throw ExitCode(1) }
            Console.out("\nEvery provider got a token and called /2.0/users/me.")
        }
    }
}
