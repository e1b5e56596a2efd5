public import BoxAuth

/// The token program could not be run or did not print a token.
public struct CommandProviderError: BoxAuthError, Hashable {
    /// What went wrong.
    public let message: String
    /// The failure's category.
    public let category: BoxAuthErrorCategory

    /// One paragraph with what to do.
    public var description: String { message }

    static func launchFailed(program: String, detail: String) -> Self {
        Self(
            message: "cannot run '\(program)' (\(detail)). Check the profile's 'command' and PATH.",
            category: .configuration)
    }

    static func nonZeroExit(program: String, status: Int32) -> Self {
        Self(
            message:
                "'\(program)' exited with status \(status). Run the command by hand to see why (its stderr is not shown here).",
            category: .refused)
    }

    static func timedOut(program: String, seconds: Double) -> Self {
        Self(
            message:
                "'\(program)' did not finish within \(Int(seconds)) s and was stopped. Raise the profile's 'timeout' or check the program.",
            category: .unavailable)
    }

    static func badOutput(program: String, detail: String) -> Self {
        Self(
            message:
                "'\(program)' did not print a token (\(detail)). It must print {\"access_token\": \"...\", \"expires_in\": 3600}.",
            category: .configuration)
    }
}
