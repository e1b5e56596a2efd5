import ArgumentParser
@_spi(Plumbing) import BoxAuth
import BoxAuthEmulator
import BoxAuthProviders
import Foundation

/// Adds a `vault` profile served by the `command` provider to a sandbox's profiles.json.
enum SandboxProfiles {
    static func addingCommandProfile(to sandbox: EmulatorSandbox) throws -> ProfilesFile {
        let tokenFile = sandbox.folder.appendingPathComponent("developer_token.txt").path
        let script = #"printf '{"access_token":"%s","expires_in":3600}' "$(cat "$0")""#
        let vault: JSONValue = .object([
            "provider": .string("command"),
            "command": .array([.string("sh"), .string("-c"), .string(script), .string(tokenFile)]),
            "baseURL": .string(sandbox.baseURL.absoluteString),
        ])
        let original = try JSONDocument.load(contentsOf: sandbox.profilesURL)
        guard case .object(var root) = original, case .object(var entries)? = root["profiles"] else {
            throw ValidationError("The sandbox's profiles.json has no profiles.")
        }
        entries["vault"] = vault
        root["profiles"] = .object(entries)
        let url = try sandbox.writeFile("profiles.json", JSONValue.object(root).jsonText)
        return try ProfilesFile.load(contentsOf: url)
    }
}
