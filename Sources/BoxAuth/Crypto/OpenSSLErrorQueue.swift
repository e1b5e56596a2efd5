import COpenSSL

/// Reads and clears OpenSSL's per-thread error queue.
enum OpenSSLErrorQueue {
    /// The queued errors as text (e.g. `bad decrypt`), oldest first; the queue is left empty.
    static func drain() -> String {
        var messages: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            // Keep only the reason, the last colon-separated field.
            messages.append(text.split(separator: ":").last.map(String.init) ?? text)
        }
        return messages.isEmpty ? "no detail" : messages.joined(separator: "; ")
    }

    /// Empties the queue before an operation whose errors are read afterwards.
    static func clear() { ERR_clear_error() }
}
