package import BoxAuth
import Foundation
package import Logging
import Synchronization
package import Tracing

/// The profiles the broker serves: the loaded profiles file, its access policy, and each
/// profile's provider (built on first use, then kept with its cache) and downscoped tokens.
///
/// ``reload()`` reads the file again: profiles whose entries did not change keep their providers
/// and cached tokens; a file that does not load leaves everything as it was.
package final class BrokerProfiles: Sendable {
    /// One loaded profiles file and what was built from it.
    private struct Generation: Sendable {
        let file: ProfilesFile
        let access: AccessPolicy
        var profiles: [String: ServedProfile] = [:]
    }

    /// A profile's provider and its downscoped tokens.
    package struct ServedProfile: Sendable {
        /// The provider.
        package let profile: ResolvedProfile
        /// Its downscoped tokens.
        package let downscoped: DownscopedTokens
        /// The provider's token cache, when the package can see it (for the audit line's "box").
        package let cache: TokenCache?
        /// The encoded answer of its current token.
        package let answer = TokenAnswer.Cache()

        init(profile: ResolvedProfile, logger: Logger) {
            self.profile = profile
            self.downscoped = DownscopedTokens(profile: profile, logger: logger)
            self.cache = (profile.provider as? any TokenCacheOwning)?.cache
        }
    }

    private let state: Mutex<Generation>
    private let loadFile: @Sendable () throws -> ProfilesFile
    private let registry: AuthProviderRegistry
    private let environment: [String: String]
    private let transport: (any HTTPTransport)?
    private let logger: Logger
    private let ownerUID: UInt32
    private let ownerSecret: BearerSecret?

    /// The tracer the registry gives the profiles (nil: the bootstrapped one), which also reads a
    /// caller's trace context from the request's headers (see ``BrokerAPI/respond(to:)``).
    package var tracer: (any Tracer)? { registry.tracer }

    /// Loads the profiles file with `loadFile`.
    /// - Throws: What `loadFile` throws, or ``ConfigurationError`` for a client's token file.
    package init(
        loadFile: @escaping @Sendable () throws -> ProfilesFile, registry: AuthProviderRegistry,
        environment: [String: String], transport: (any HTTPTransport)?, logger: Logger, ownerUID: UInt32,
        ownerSecret: BearerSecret?
    ) throws {
        self.loadFile = loadFile
        self.registry = registry
        self.environment = environment
        self.transport = transport
        self.logger = logger
        self.ownerUID = ownerUID
        self.ownerSecret = ownerSecret
        let file = try loadFile()
        state = Mutex(
            Generation(file: file, access: try Self.access(for: file, ownerUID: ownerUID, ownerSecret: ownerSecret)))
    }

    private static func access(
        for file: ProfilesFile, ownerUID: UInt32, ownerSecret: BearerSecret?
    ) throws(ConfigurationError) -> AccessPolicy {
        try AccessPolicy(
            policy: file.brokerPolicy, ownerUID: ownerUID, ownerSecret: ownerSecret, profilesFile: file.url.path)
    }

    /// Who may ask for what.
    package var access: AccessPolicy { state.withLock { $0.access } }

    /// How many profiles the file has.
    package var count: Int { state.withLock { $0.file.profileNames.count } }

    /// The profiles file's path.
    package var path: String { state.withLock { $0.file.url.path } }

    /// The profile `name`, its provider built on first use.
    /// - Throws: ``BrokerFailure`` 404 for an unknown profile, 500 for one that cannot be built.
    package func served(_ name: String) throws(BrokerFailure) -> ServedProfile {
        let (file, known) = state.withLock { ($0.file, $0.profiles[name]) }
        if let known { return known }
        guard file.profileNames.contains(name) else { throw .unknownProfile(name) }
        // Built outside the lock: reading keys or running secret commands must not hold up others.
        let profile: ResolvedProfile
        do {
            profile = try registry.profile(
                name, in: file, environment: environment, transport: transport, logger: logger)
        } catch {
            logger.error("cannot build a profile", metadata: ["profile": "\(name)", "error": "\(error)"])
            throw BrokerFailure.from(error, profile: name)
        }
        for warning in profile.warnings { warning.log(to: logger) }
        let built = ServedProfile(profile: profile, logger: logger)
        return state.withLock { generation in
            // Another request may have built it meanwhile, or a reload replaced the file: keep one.
            guard generation.file.url == file.url, generation.file.entries == file.entries else { return built }
            if let winner = generation.profiles[name] { return winner }
            generation.profiles[name] = built
            return built
        }
    }

    /// Reads the profiles file again. Profiles whose entries are unchanged keep their providers
    /// and cached tokens.
    /// - Returns: The names of the profiles whose entries changed, were added or were removed.
    /// - Throws: What loading throws; the broker then goes on with the file it had.
    @discardableResult
    package func reload() throws -> [String] {
        let file = try loadFile()
        let access = try Self.access(for: file, ownerUID: ownerUID, ownerSecret: ownerSecret)
        return state.withLock { generation in
            var next = Generation(file: file, access: access)
            var changed: Set<String> = Set(generation.file.entries.keys).symmetricDifference(file.entries.keys)
            for (name, served) in generation.profiles {
                if generation.file.entries[name] == file.entries[name] {
                    next.profiles[name] = served
                } else {
                    changed.insert(name)
                }
            }
            for name in file.entries.keys where generation.file.entries[name] != file.entries[name] {
                changed.insert(name)
            }
            generation = next
            return changed.sorted()
        }
    }
}
