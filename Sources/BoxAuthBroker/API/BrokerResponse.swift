package import BoxAuth
package import Foundation

/// The broker's answer to one request: a status and a JSON body (or the metrics' text).
package struct BrokerResponse: Sendable {
    /// The HTTP status.
    package var status: Int
    /// The body.
    package var body: Data
    /// The body's media type.
    package var contentType: String

    /// The content type of every JSON answer.
    package static let jsonType = "application/json"
    /// The content type of the Prometheus exposition format.
    package static let prometheusText = "text/plain; version=0.0.4; charset=utf-8"

    package init(status: Int, body: Data = Data(), contentType: String = jsonType) {
        self.status = status
        self.body = body
        self.contentType = contentType
    }

    /// A JSON answer.
    package static func json(_ value: JSONValue, status: Int = 200) -> BrokerResponse {
        BrokerResponse(status: status, body: Data(value.jsonText.utf8))
    }

    /// 204, no body.
    package static let noContent = BrokerResponse(status: 204)
}
