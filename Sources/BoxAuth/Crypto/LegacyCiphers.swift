import COpenSSL
import Synchronization

/// Loads OpenSSL's legacy provider (old PBES1 ciphers) at most once per process, next to the default.
enum LegacyCiphers {
    /// Not yet tried, tried and unavailable, or loaded (the handle, kept for the life of the process).
    private enum State {
        case untried
        case unavailable
        case loaded(OpaquePointer)
    }

    // The handle is never unloaded: holding it keeps the provider reachable until exit, so leak
    // checkers do not report it once OpenSSL's own cleanup has let go of its reference.
    private static let state = Mutex<State>(.untried)

    /// Loads the provider on the first call; returns whether it is available.
    static func loadOnce() -> Bool {
        state.withLock { state in
            switch state {
            case .loaded: return true
            case .unavailable: return false
            case .untried:
                guard let provider = OSSL_PROVIDER_try_load(nil, "legacy", 1) else {
                    state = .unavailable
                    return false
                }
                state = .loaded(provider)
                return true
            }
        }
    }
}
