import BoxAuthOAuth2
import Foundation

/// Reads addresses pasted on standard input (for `box-auth login --no-browser` on a machine whose
/// browser is elsewhere) and hands each one's query parameters to the login.
enum PastedCallbackReader {
    /// Starts reading on a thread of its own (reading blocks), so the cooperative pool stays free.
    static func start(_ handle: @escaping @Sendable ([String: String]) async -> CallbackPage) {
        let thread = Thread {
            while let line = readLine(strippingNewline: true) {
                let text = line.trimmingCharacters(in: .whitespaces)
                guard !text.isEmpty else { continue }
                guard let url = URL(string: text), url.query != nil else {
                    Console.error("That is not an address with a code; paste the whole address the browser ended on.")
                    continue
                }
                let parameters = AuthorizationRequest.callbackParameters(of: url)
                let done = DispatchSemaphore(value: 0)
                Task {
                    let page = await handle(parameters)
                    if page.status != 200 { Console.error("\(page.title): \(page.message)") }
                    done.signal()
                }
                done.wait()
            }
        }
        thread.start()
    }

}
