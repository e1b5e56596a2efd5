import BoxAuth
import Foundation
import Logging

// The two APIs the harness is compiled against: main's, and 3f9b01f's (2026-12-01's) for the
// before/after comparison. Everything else the harness calls is the same in both.

#if BOX_AUTH_API_3F9B01F
typealias Request = HTTPRequest
typealias Response = HTTPResponse

func makeRegistry() -> AuthProviderRegistry { AuthProviderRegistry() }

func resolve(
    _ name: String, in file: ProfilesFile, registry: AuthProviderRegistry, transport: any HTTPTransport,
    logger: Logger
) throws -> ResolvedProfile {
    try registry.makeProvider(profile: name, in: file, environment: [:], transport: transport, logger: logger)
}
#else
typealias Request = TransportRequest
typealias Response = TransportResponse

func makeRegistry() -> AuthProviderRegistry { AuthProviderRegistry(defaultTransport: nil) }

func resolve(
    _ name: String, in file: ProfilesFile, registry: AuthProviderRegistry, transport: any HTTPTransport,
    logger: Logger
) throws -> ResolvedProfile {
    try registry.profile(name, in: file, environment: [:], transport: transport, logger: logger)
}
#endif
