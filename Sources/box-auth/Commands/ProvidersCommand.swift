import ArgumentParser
import BoxAuthProviders
import Foundation

/// `box-auth providers`: the registered provider kinds.
struct ProvidersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "providers", abstract: "List the registered provider kinds and their settings.")

    @Flag(name: .long, help: "Also list each provider's settings.")
    var describe = false

    func run() async throws {
        let registry = AuthProviderRegistry.commandLine
        for kind in registry.kinds {
            guard let factory = registry.factory(for: kind) else { continue }
            Console.out("\(kind.padding(toLength: 20, withPad: " ", startingAt: 0)) \(factory.summary)")
            guard describe else { continue }
            for setting in factory.settings {
                var line = "    \(setting.name): \(setting.type)"
                if setting.isRequired { line += ", required" }
                if let value = setting.defaultValue { line += ", default \(value)" }
                Console.out(line + " — \(setting.summary)")
            }
        }
    }
}
