import BoxAuth
import Foundation

/// Writes lines to stdout and stderr: the one place the CLI's text reaches a terminal.
///
/// Every line is written with its control characters escaped (`\u{1B}`, `\r`, `\u{9B}`, ...) but
/// its line breaks kept, so that no text from outside (a user name or an `error_description` a
/// server sent, a profile name or setting from a file) can move the cursor, clear the screen,
/// retitle the window or overwrite what was printed. Text from outside that should stay on one
/// line is escaped where it is put into a message (``MessageText/escaped(_:)`` escapes line breaks
/// too).
enum Console {
    static func out(_ line: String) {
        FileHandle.standardOutput.write(Data((terminalSafe(line) + "\n").utf8))
    }

    static func error(_ line: String) {
        FileHandle.standardError.write(Data((terminalSafe(line) + "\n").utf8))
    }

    /// `text` with every control character but the line break escaped.
    static func terminalSafe(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { MessageText.escaped(String($0)) }.joined(separator: "\n")
    }
}
