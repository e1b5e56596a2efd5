import ArgumentParser
import BoxAuth

extension ExitCode {
    /// 2: the profiles file, a config.json, a secret or a key is wrong (a ``ConfigurationError``).
    static let configuration = ExitCode(2)
    /// 3: Box (or the emulator) refused the credentials or the request.
    static let refused = ExitCode(3)
    /// 4: the token endpoint could not be reached, timed out or kept failing.
    static let unavailable = ExitCode(4)

    /// The documented code for `error`: 2 configuration, 3 refused, 4 unavailable, 1 anything else.
    init(reporting error: any Error) {
        guard let error = error as? any BoxAuthError else {
            self = .failure
            return
        }
        switch error.category {
        case .configuration: self = .configuration
        case .refused: self = .refused
        case .unavailable: self = .unavailable
        }
    }
}
