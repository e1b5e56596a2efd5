public import Foundation
public import Logging
public import Tracing

/// Maps provider kinds (the `"provider"` strings in profiles) to the factories that build them.
///
/// `BoxAuthProviders` offers `AuthProviderRegistry.standard` with every built-in kind; custom
/// providers register the same way from their own targets:
/// ```swift
/// var registry = AuthProviderRegistry.standard
/// try registry.register(CommandProviderFactory())
/// let box = try registry.profile("service")   // locates, loads and selects with the defaults
/// let token = try await box.accessToken()
/// ```
public struct AuthProviderRegistry: Sendable {
    private var factories: [String: any AuthProviderFactory] = [:]
    /// The store kind every profile resolved by this registry uses, whatever its `"cache"` says; nil
    /// (the default) leaves it to the profile. `box-auth login --store keyring` sets it.
    package var storeKindOverride: String?
    /// Whether a profile that sets no `"cache"` uses the store its last `box-auth login --store`
    /// recorded (``SignInStoreChoice``); `box-auth login --store file` turns it off.
    package var followsSignInStoreChoice = true

    /// The token store kinds, by `"cache"` value (see ``register(store:)``).
    var storeFactories: [String: any TokenStoreFactory] = [
        MemoryStoreFactory().kind: MemoryStoreFactory(), FileStoreFactory().kind: FileStoreFactory(),
    ] {
        didSet { commonSettings = Self.commonSettings(for: storeFactories) }
    }

    /// What to do about a `"cache"` kind that is not registered, by kind: the product that brings
    /// it and the call that registers it (set by the standard registry for the kinds of its
    /// package's optional products).
    package var unregisteredStoreHints: [String: String] = [:]

    /// The settings every profile may take with this registry: ``AuthProviderRegistry/commonSettings`` with
    /// `cache` naming the registered store kinds, then the store kinds' own settings (kept up to
    /// date as store kinds are registered, not rebuilt for each profile).
    public private(set) var commonSettings: [ProviderSetting] = []

    /// Whether ``profile(_:in:environment:transport:logger:)`` also logs the resolved profile's
    /// ``ResolvedProfile/warnings`` (at warning level, through the profile's logger). Off by
    /// default: the warnings are values on the profile, for the app to show as it shows its own.
    public var logsWarnings = false

    /// The transport profiles get when none is passed to ``profile(_:in:environment:transport:logger:)``.
    ///
    /// An empty registry has none; `AuthProviderRegistry.standard` sets the URLSession transport.
    public var defaultTransport: (any HTTPTransport)?

    /// Where the token requests of the profiles this registry builds are traced; nil (the default)
    /// uses `InstrumentationSystem.tracer` at the time of each request, a no-op until the app
    /// bootstraps a tracer (see the Tracing article).
    public var tracer: (any Tracer)?

    /// A registry with no provider kinds and the built-in store kinds (`memory`, `file`).
    /// - Parameter defaultTransport: The transport profiles get when none is passed.
    public init(defaultTransport: (any HTTPTransport)? = nil) {
        self.defaultTransport = defaultTransport
        self.commonSettings = Self.commonSettings(for: storeFactories)
    }

    /// Adds a provider kind.
    /// - Throws: ``ConfigurationError`` (``ConfigurationError/Code/duplicateProvider``) if the kind
    ///   is already registered.
    public mutating func register(_ factory: any AuthProviderFactory) throws(ConfigurationError) {
        guard factories[factory.kind] == nil else {
            throw ConfigurationError(
                code: .duplicateProvider, message: "provider kind '\(factory.kind)' is registered twice.",
                hint: "Give the custom provider a kind of its own.")
        }
        factories[factory.kind] = factory
    }

    /// The registered kinds, sorted.
    public var kinds: [String] { factories.keys.sorted() }

    /// The factory for `kind`, if registered.
    public func factory(for kind: String) -> (any AuthProviderFactory)? { factories[kind] }

    /// Builds the provider of a profile: picks the profile, checks its entry against the provider's
    /// declared settings, finds the credential files other users can read
    /// (``ResolvedProfile/warnings``; logged only with ``logsWarnings``), and lets the factory build
    /// it (keys are decrypted here, once).
    /// - Parameters:
    ///   - name: The profile to use; nil picks as The profile does.
    ///   - file: The profiles file.
    ///   - environment: Environment variables for `BOX_PROFILE` and `{"env": ...}` secrets.
    ///   - transport: The HTTP transport; nil uses ``defaultTransport``.
    ///   - logger: The logger; `profile` and `provider` metadata are added.
    /// - Throws: ``ConfigurationError`` naming the file and JSON path.
    public func profile(
        _ name: String? = nil, in file: ProfilesFile,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        transport: (any HTTPTransport)? = nil, logger: Logger = Logger(label: "box-auth")
    ) throws -> ResolvedProfile {
        guard let transport = transport ?? defaultTransport else {
            throw ConfigurationError(
                code: .noTransport, message: "the registry has no HTTP transport.",
                hint:
                    "Use AuthProviderRegistry.standard (from BoxAuthProviders), set defaultTransport, or pass a transport."
            )
        }
        let name = try file.selectProfile(name, environment: environment)
        let settings = try file.settings(for: name, environment: environment)
        let kindPath = settings.path.appending("provider")
        guard let value = settings.members["provider"] else {
            throw ConfigurationError.missingValue(
                settings.file, kindPath, what: "'provider' (one of \(kinds.joined(separator: ", ")))")
        }
        guard case .string(let kind) = value else {
            throw ConfigurationError.wrongType(settings.file, kindPath, expected: "a string", found: value)
        }
        guard let factory = factories[kind] else {
            throw ConfigurationError.unknownProvider(settings.file, kindPath, kind: kind, known: kinds)
        }
        try checkStoreKind(of: settings)
        let declared = commonSettings + factory.settings
        try settings.validate(against: declared)
        let options = try ProfileOptions(settings: settings)
        var logger = logger
        logger[metadataKey: "profile"] = "\(name)"
        logger[metadataKey: "provider"] = "\(kind)"
        let warnings = file.permissionWarnings(for: settings, declared: declared)
        if logsWarnings {
            for warning in warnings { warning.log(to: logger) }
        }
        let (storeFactory, stores) = try stores(profile: name, settings: settings, options: options, logger: logger)
        let context = ProviderContext(
            settings: settings, options: options, transport: transport, logger: logger, stores: stores,
            tracer: tracer)
        let provider = try factory.makeProvider(context: context)
        if storeFactory.sharesAcrossMachines, !(provider is any AppCredentialsProviding) {
            throw settings.invalid(
                "cache",
                "the '\(kind)' provider has no app secret to encrypt tokens shared by '\(storeFactory.kind)' with.",
                hint: "Use \"cache\": \"file\" or \"memory\" for this profile.")
        }
        return ResolvedProfile(
            name: name, kind: kind, provider: provider, options: options, transport: transport, warnings: warnings)
    }
}
