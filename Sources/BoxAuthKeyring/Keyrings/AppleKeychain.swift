#if canImport(Security)
import BoxAuth
package import Foundation
import os
import Security

/// The macOS Keychain, through the Security framework: generic password items of service
/// `box-auth`, with the item's kind and key hash as the account.
///
/// Each call runs on a thread of its own and is given up at the deadline (a Keychain waiting for
/// an unlock prompt nobody answers), failing with ``KeyringError``.
///
/// > Note: Compiled on macOS only; CI (Linux) does not run it.
package struct AppleKeychain: Keyring {
    /// How long one call may take.
    package let timeout: Duration

    /// The login Keychain, with `timeout` per call.
    package init(timeout: Duration) { self.timeout = timeout }

    /// "the macOS Keychain".
    package var name: String { "the macOS Keychain" }

    /// The item's password data, or nil when there is none.
    package func read(_ item: KeyringItem) async throws(KeyringError) -> Data? {
        try await call { [name] in
            var query = Self.query(item)
            query[kSecReturnData as String] = true
            query[kSecMatchLimit as String] = kSecMatchLimitOne
            var result: CFTypeRef?
            let status = SecItemCopyMatching(query as CFDictionary, &result)
            if status == errSecItemNotFound { return .success(nil) }
            guard status == errSecSuccess else { return .failure(Self.failure(name, status)) }
            return .success(result as? Data)
        }
    }

    /// Adds the item, or updates it when it exists.
    package func write(_ secret: Data, to item: KeyringItem) async throws(KeyringError) {
        _ = try await call { [name] in
            let query = Self.query(item)
            var status = SecItemUpdate(query as CFDictionary, [kSecValueData as String: secret] as CFDictionary)
            if status == errSecItemNotFound {
                var add = query
                add[kSecValueData as String] = secret
                add[kSecAttrLabel as String] = item.label
                add[kSecAttrAccessible as String] = kSecAttrAccessibleAfterFirstUnlockThisDeviceOnly
                status = SecItemAdd(add as CFDictionary, nil)
            }
            guard status == errSecSuccess else { return .failure(Self.failure(name, status)) }
            return .success(nil)
        }
    }

    /// Deletes the item, if any.
    package func delete(_ item: KeyringItem) async throws(KeyringError) {
        _ = try await call { [name] in
            let status = SecItemDelete(Self.query(item) as CFDictionary)
            guard status == errSecSuccess || status == errSecItemNotFound else {
                return .failure(Self.failure(name, status))
            }
            return .success(nil)
        }
    }

    private static func query(_ item: KeyringItem) -> [String: Any] {
        [
            kSecClass as String: kSecClassGenericPassword,
            kSecAttrService as String: KeyringItem.service,
            kSecAttrAccount as String: "\(item.kind.rawValue)-\(item.keyHash)",
        ]
    }

    private static func failure(_ name: String, _ status: OSStatus) -> KeyringError {
        let text = SecCopyErrorMessageString(status, nil).map { $0 as String } ?? "status \(status)"
        return .unavailable(name, detail: text)
    }

    /// Runs `body` on a thread of its own; the first of its answer and the deadline wins.
    private func call(
        _ body: @escaping @Sendable () -> Result<Data?, KeyringError>
    ) async throws(KeyringError) -> Data? {
        let answer = OnceAnswer()
        let timeout = timeout
        let result: Result<Data?, KeyringError> = await withCheckedContinuation { continuation in
            answer.set(continuation)
            Thread.detachNewThread { answer.resume(with: body()) }
            Thread.detachNewThread {
                Thread.sleep(forTimeInterval: timeout.timeInterval)
                answer.resume(with: .failure(.timedOut("the macOS Keychain", timeout: timeout)))
            }
        }
        return try result.get()
    }
}

/// A continuation resumed once, by whichever of the call and the deadline comes first.
private final class OnceAnswer: Sendable {
    private typealias Waiting = CheckedContinuation<Result<Data?, KeyringError>, Never>
    private let waiting = OSAllocatedUnfairLock<Waiting?>(initialState: nil)

    func set(_ continuation: CheckedContinuation<Result<Data?, KeyringError>, Never>) {
        waiting.withLock { $0 = continuation }
    }

    func resume(with result: Result<Data?, KeyringError>) {
        let continuation = waiting.withLock { state -> Waiting? in
            defer { state = nil }
            return state
        }
        continuation?.resume(returning: result)
    }
}
#endif
