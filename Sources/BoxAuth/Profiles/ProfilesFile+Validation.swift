public import Foundation
import Logging

extension ProfilesFile {
    /// Checks every profile offline, as resolving it would: provider known, settings of their
    /// declared types, files present and regular, keys decrypted. Nothing is sent.
    ///
    /// ```swift
    /// let validation = try ProfilesFile.load(contentsOf: url).validateAll(registry: .standard)
    /// for profile in validation.profiles where !profile.isValid { print(profile.name, profile.error!) }
    /// ```
    ///
    /// Permission warnings are returned (``ProfilesValidation/warnings``), not logged.
    /// - Parameters:
    ///   - registry: The provider kinds to build with.
    ///   - environment: Environment variables for `{"env": ...}` secrets.
    /// - Returns: Each profile's outcome, sorted by name.
    public func validateAll(
        registry: AuthProviderRegistry, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> ProfilesValidation {
        let quiet = Logger(label: "box-auth.validate", factory: { _ in SwiftLogNoOpLogHandler() })
        let profiles = profileNames.map { name in
            let settings = try? settings(for: name, environment: environment)
            let warnings = settings.map { $0.permissionWarnings(declared: registry.declaredSettings(for: $0)) } ?? []
            let declaredKind = entries[name]?["provider"]?.stringValue
            do {
                let profile = try registry.profile(
                    name, in: self, environment: environment, transport: OfflineTransport(), logger: quiet)
                return ProfilesValidation.Profile(name: name, kind: profile.kind, error: nil, warnings: warnings)
            } catch {
                return ProfilesValidation.Profile(name: name, kind: declaredKind, error: error, warnings: warnings)
            }
        }
        return ProfilesValidation(file: url, fileWarning: permissionWarning, profiles: profiles)
    }
}

/// The transport validation builds providers with: building must not send anything, so every
/// request fails.
private struct OfflineTransport: HTTPTransport {
    func send(_ request: TransportRequest) async throws -> TransportResponse {
        throw TransportError(
            code: .connectionFailed, url: request.url.absoluteString, detail: "profiles are validated offline")
    }
}
