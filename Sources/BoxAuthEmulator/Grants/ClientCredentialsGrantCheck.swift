import BoxAuth

/// The client credentials grant (`client_credentials`): the subject comes from the form, for an
/// app whose client credentials were already accepted.
struct ClientCredentialsGrantCheck {
    /// The `grant_type` value.
    static let grantType = "client_credentials"

    /// The app named by `client_id`.
    let app: EmulatedApp

    /// Checks `box_subject_type` and `box_subject_id`.
    /// - Throws: ``TokenRejection`` naming the parameter at fault.
    func check(subjectType: String?, subjectID: String?) throws(TokenRejection) -> BoxSubject {
        guard let kind = subjectType.flatMap(BoxSubject.Kind.init(rawValue:)) else { throw .subjectTypeParameter }
        guard let subjectID, app.accepts(BoxSubject(kind, id: subjectID)) else { throw .subjectParameter }
        return BoxSubject(kind, id: subjectID)
    }
}
