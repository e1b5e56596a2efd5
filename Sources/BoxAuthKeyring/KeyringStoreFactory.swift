public import BoxAuth
import Foundation
public import Logging

/// `"cache": "keyring"`: tokens in the operating system's keyring, the macOS Keychain or, on Linux,
/// the Secret Service (GNOME Keyring, KWallet, KeePassXC) through `secret-tool`. An app registers
/// it on the registry it resolves profiles with (the `box-auth` command does):
/// ```swift
/// var registry = AuthProviderRegistry.standard
/// try registry.register(store: KeyringStoreFactory())
/// ```
///
/// Both the access tokens of any provider and the token pair of an `oauth2` sign-in go to the
/// keyring; only lock files (and, after a failure, a recovery file) stay in the cache and state
/// folders. Every call to the keyring has a deadline, `keyringTimeout` (1 s unless the profile
/// says otherwise); a keyring that does not answer in time is a ``KeyringError`` that names it and
/// says how to choose `file`, never a silent fallback to plain files.
///
/// > Note: The macOS Keychain path compiles under `#if canImport(Security)` and is not run by this
/// > project's CI, which runs on Linux.
public struct KeyringStoreFactory: TokenStoreFactory {
    /// `keyring`.
    public static let kind = "keyring"
    /// How long one keyring call may take unless `keyringTimeout` says otherwise: 1 second.
    public static let defaultTimeout: Duration = .seconds(1)
    /// `keyringTimeout`: more than 0 and at most 60 seconds, default 1.
    static let timeoutSetting = ProviderSetting(
        "keyringTimeout", .number, default: "1", range: .seconds(above: 0, upTo: 60),
        summary: "With \"cache\": \"keyring\": seconds each keyring call may take before it is an error.")

    /// Creates the factory.
    public init() {}

    /// `keyring`.
    public var kind: String { Self.kind }
    /// One line for `box-auth providers`.
    public var summary: String {
        "In the OS keyring (macOS Keychain; Secret Service through secret-tool on Linux)."
    }
    /// `keyringTimeout` (the lock timeout is the common `cacheLockTimeout`).
    public var settings: [ProviderSetting] { [Self.timeoutSetting] }
    /// No: the keyring is this user's, on this machine.
    public var sharesAcrossMachines: Bool { false }

    /// Reads `keyringTimeout`; touches the keyring only when a token is needed.
    /// - Throws: ``ConfigurationError`` naming the file and JSON path of a bad `keyringTimeout`.
    public func makeStores(
        settings: ProfileSettings, options: ProfileOptions, logger: Logger
    ) throws -> any ProfileTokenStores {
        let timeout = try Self.timeoutSetting.number(in: settings).map(Duration.clampedSeconds) ?? Self.defaultTimeout
        return KeyringStores(
            keyring: KeyringStores.system(environment: settings.environment, timeout: timeout),
            environment: settings.environment, lockTimeout: .clampedSeconds(options.cacheLockTimeout))
    }
}
