import BoxAuth
import Foundation
import HTTPTypes
import OpenAPIRuntime

/// A `ClientTransport` for the generated client over the HTTP transport a profile already has
/// (`profile.transport`: URLSession by default), so the example adds no HTTP client and no build
/// time beyond swift-openapi-runtime. Bodies are collected whole (up to 1 MiB each way), which suits
/// JSON calls; an app that streams uploads uses swift-openapi-urlsession or
/// swift-openapi-async-http-client instead.
struct HTTPTransportClient: ClientTransport {
    /// The most bytes of a request body sent.
    static let maximumRequestSize = TransportResponse.maximumBodySize

    /// The transport requests go through.
    let transport: any HTTPTransport

    /// Sends `request` to `baseURL` joined with its path.
    func send(
        _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String
    ) async throws -> (HTTPResponse, HTTPBody?) {
        let base =
            baseURL.absoluteString.hasSuffix("/") ? String(baseURL.absoluteString.dropLast()) : baseURL.absoluteString
        guard let url = URL(string: base + (request.path ?? "")) else {
            throw TransportError(code: .connectionFailed, url: base, detail: "the operation's path is not a URL")
        }
        var data: Data?
        if let body { data = try await Data(collecting: body, upTo: Self.maximumRequestSize) }
        let outgoing = TransportRequest(
            method: request.method.rawValue, url: url,
            headers: request.headerFields.map { (name: $0.name.rawName, value: $0.value) }, body: data)
        let response = try await transport.send(outgoing)
        var fields = HTTPFields()
        for (name, value) in response.headers {
            if let name = HTTPField.Name(name) { fields.append(HTTPField(name: name, value: value)) }
        }
        return (HTTPResponse(status: .init(code: response.status), headerFields: fields), HTTPBody(response.body))
    }
}
