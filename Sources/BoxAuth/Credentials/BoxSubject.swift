/// Whom a token acts for: the app's service account in an enterprise, or a user.
public struct BoxSubject: Sendable, Hashable, CustomStringConvertible {
    /// The two kinds of subject Box knows (`box_sub_type` / `box_subject_type`).
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// The enterprise's service account for the app; the ID is the enterprise ID.
        case enterprise
        /// A user; the ID is the user ID.
        case user
    }

    /// The kind of subject.
    public let kind: Kind
    /// The enterprise ID or user ID.
    public let id: String

    /// A subject of the given kind and ID.
    public init(_ kind: Kind, id: String) {
        self.kind = kind
        self.id = id
    }

    /// The service account of enterprise `id`.
    public static func enterprise(_ id: String) -> BoxSubject { BoxSubject(.enterprise, id: id) }
    /// The user `id`.
    public static func user(_ id: String) -> BoxSubject { BoxSubject(.user, id: id) }

    /// `enterprise 1234567` or `user 33333`.
    public var description: String { "\(kind.rawValue) \(id)" }
}
