package import Foundation

/// The operating system's secure storage for secrets, as the `keyring` stores use it: one item per
/// token or token pair, found by its attributes.
///
/// Every call has a deadline (``KeyringStoreFactory/defaultTimeout`` unless the profile says
/// otherwise): a keyring that does not answer is a ``KeyringError`` naming it, never a wait without
/// end and never a silent fallback to plain files.
package protocol Keyring: Sendable {
    /// The keyring's name in messages ("the Secret Service (secret-tool)").
    var name: String { get }
    /// The item's secret, or nil when there is none.
    func read(_ item: KeyringItem) async throws(KeyringError) -> Data?
    /// Stores `secret` as the item, replacing what was there.
    func write(_ secret: Data, to item: KeyringItem) async throws(KeyringError)
    /// Deletes the item; nothing happens when there is none.
    func delete(_ item: KeyringItem) async throws(KeyringError)
}
