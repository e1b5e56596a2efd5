import BoxAuth
package import Foundation

/// The freedesktop.org Secret Service (GNOME Keyring, KWallet, KeePassXC), through `secret-tool`
/// from libsecret-tools.
///
/// Each call runs `secret-tool` with a deadline: the secret goes in on its standard input and comes
/// back on its standard output, never in its arguments (which other users can read in `/proc`). Its
/// environment is only what reaching the session's keyring takes (`PATH`, `HOME`, the D-Bus and
/// display variables), never the profile's secrets. At the deadline it is killed and the call fails
/// with ``KeyringError``.
package struct SecretServiceKeyring: Keyring {
    /// The variables `secret-tool` gets from the environment box-auth runs in.
    static let passedVariables = [
        "PATH", "HOME", "DBUS_SESSION_BUS_ADDRESS", "XDG_RUNTIME_DIR", "DISPLAY", "WAYLAND_DISPLAY", "LANG",
    ]

    /// The environment `secret-tool` is found in and runs with (only ``passedVariables``).
    package let environment: [String: String]
    /// How long one call may take.
    package let timeout: Duration

    /// `secret-tool` on `environment`'s `PATH`, stopped after `timeout`.
    package init(environment: [String: String], timeout: Duration) {
        self.environment = environment.filter { Self.passedVariables.contains($0.key) }
        self.timeout = timeout
    }

    /// "the Secret Service (secret-tool)".
    package var name: String { "the Secret Service (secret-tool)" }

    /// `secret-tool lookup`; exit status 1 with nothing said means there is no such item.
    package func read(_ item: KeyringItem) async throws(KeyringError) -> Data? {
        let outcome = try await run(["lookup"] + attributes(item))
        if outcome.status == 0, !outcome.wasSignalled { return outcome.output }
        if outcome.status == 1, !outcome.wasSignalled, outcome.errorText == nil { return nil }
        throw failure(outcome)
    }

    /// `secret-tool store`, the secret on standard input.
    package func write(_ secret: Data, to item: KeyringItem) async throws(KeyringError) {
        let outcome = try await run(["store", "--label=\(item.label)"] + attributes(item), input: secret)
        guard outcome.status == 0, !outcome.wasSignalled else { throw failure(outcome) }
    }

    /// `secret-tool clear`; exit status 1 with nothing said means there was no such item.
    package func delete(_ item: KeyringItem) async throws(KeyringError) {
        let outcome = try await run(["clear"] + attributes(item))
        if outcome.status == 0 || (outcome.status == 1 && outcome.errorText == nil), !outcome.wasSignalled { return }
        throw failure(outcome)
    }

    private func attributes(_ item: KeyringItem) -> [String] {
        item.attributes.flatMap { [$0.name, $0.value] }
    }

    private func run(_ arguments: [String], input: Data? = nil) async throws(KeyringError) -> ChildProgram.Outcome {
        guard let executable = ChildProgram.find("secret-tool", searchPath: environment["PATH"]) else {
            throw .toolMissing(name, tool: "secret-tool", package: "libsecret-tools")
        }
        var program = ChildProgram(
            executable: executable, arguments: arguments, environment: environment, timeout: timeout,
            outputLimit: ChildProgram.inputLimit)
        program.input = input
        do {
            return try await program.runOnOwnThread()
        } catch {
            switch error {
            case .timedOut: throw .timedOut(name, timeout: timeout)
            case .cannotStart: throw .unavailable(name, detail: "secret-tool could not be started")
            }
        }
    }

    private func failure(_ outcome: ChildProgram.Outcome) -> KeyringError {
        let said = outcome.errorText.map { " (it said: \(MessageText.quoted($0)))" } ?? ""
        let how = outcome.wasSignalled ? "was killed by signal \(outcome.status)" : "exited with status \(outcome.status)"
        return .unavailable(name, detail: "secret-tool \(how)\(said)")
    }
}
