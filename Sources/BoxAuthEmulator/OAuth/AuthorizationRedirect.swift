import BoxAuth
import Foundation

/// The `Location` the authorization endpoint sends the browser to: the client's redirect URI with
/// the answer added to its query.
enum AuthorizationRedirect {
    /// `redirectURI` with `parameters` form-encoded and appended to its query (after `?`, or `&`
    /// when it already has a query).
    static func location(_ redirectURI: String, _ parameters: [(String, String)]) -> String {
        let query = String(decoding: FormEncoding.encode(parameters), as: UTF8.self)
        let separator: String
        if redirectURI.hasSuffix("?") || redirectURI.hasSuffix("&") {
            separator = ""
        } else {
            separator = redirectURI.contains("?") ? "&" : "?"
        }
        return redirectURI + separator + query
    }
}
