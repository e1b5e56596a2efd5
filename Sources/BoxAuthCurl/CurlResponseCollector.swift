import BoxAuth
import Foundation

/// What libcurl's callbacks fill in during one transfer, reached through CURLOPT_WRITEDATA,
/// CURLOPT_HEADERDATA and CURLOPT_XFERINFODATA. Used by the transferring thread only.
final class CurlResponseCollector {
    let abort: CurlTransfer.AbortFlag
    var body = Data()
    var headers: [String: String] = [:]
    var tooLarge = false

    init(abort: CurlTransfer.AbortFlag) { self.abort = abort }

    /// Appends a piece of the body; returns 0 (which makes libcurl fail with CURLE_WRITE_ERROR)
    /// once the body would pass the size limit.
    func appendBody(_ data: UnsafeMutablePointer<CChar>?, _ length: Int) -> Int {
        guard length > 0 else { return 0 }
        guard let data, body.count + length <= TransportResponse.maximumBodySize else {
            tooLarge = true
            body = Data()
            return 0
        }
        data.withMemoryRebound(to: UInt8.self, capacity: length) { body.append($0, count: length) }
        return length
    }

    /// Records one header line; a status line (a new response, after `100 Continue`) starts over.
    func addHeader(_ data: UnsafeMutablePointer<CChar>?, _ length: Int) -> Int {
        guard let data else { return 0 }
        let line = data.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
        if line.hasPrefix("HTTP/") {
            headers = [:]
        } else if let colon = line.firstIndex(of: ":") {
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
            if !name.isEmpty, headers[name] == nil { headers[name] = value }
        }
        return length
    }
}
