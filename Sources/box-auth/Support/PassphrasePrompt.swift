import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Asks for a passphrase on the terminal without echoing it.
enum PassphrasePrompt {
    /// The line typed, or nil without a terminal.
    static func read(_ prompt: String) -> String? {
        guard isatty(STDIN_FILENO) == 1, let pointer = getpass(prompt) else { return nil }
        let text = String(cString: pointer)
        memset(pointer, 0, strlen(pointer))
        return text
    }
}
