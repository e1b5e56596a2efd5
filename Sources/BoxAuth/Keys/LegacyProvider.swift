import COpenSSL
import Synchronization

/// Loads OpenSSL's legacy provider (old PBES1 ciphers) at most once per process, next to the default.
enum LegacyProvider {
    private static let state = Mutex<Bool?>(nil)

    /// Loads the provider on the first call; returns whether it is available.
    static func loadOnce() -> Bool {
        state.withLock { loaded in
            if let loaded { return loaded }
            let result = OSSL_PROVIDER_try_load(nil, "legacy", 1) != nil
            loaded = result
            return result
        }
    }
}
