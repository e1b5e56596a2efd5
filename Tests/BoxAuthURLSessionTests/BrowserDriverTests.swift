import BoxAuthTestSupport
import Foundation
import Hummingbird
import Testing

@Suite("WebDriverSession")
struct BrowserDriverTests {
    /// A consent-like page: a form whose `#grant` button submits to `/done`, which says so.
    static func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("consent") { _, _ in
            html(
                """
                <h1>Grant access?</h1>
                <form method="get" action="/done"><input type="hidden" name="answer" value="granted">
                <button id="grant" type="submit">Grant access</button></form>
                """)
        }
        router.get("done") { request, _ in
            let answer = request.uri.queryParameters.get("answer") ?? "none"
            return html("<p>Answer: \(answer == "granted" ? "granted" : "other")</p>")
        }
        return router
    }

    static func html(_ body: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: "<!doctype html><html><body>\(body)</body></html>")))
    }

    /// Runs `body` with the page served on 127.0.0.1 at an ephemeral port, then stops the server.
    static func withPage(_ body: @Sendable @escaping (URL) async throws -> Void) async throws {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let application = Application(
            router: router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            })
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await application.runService(gracefulShutdownSignals: []) }
            var iterator = ports.makeAsyncIterator()
            let bound = await iterator.next()
            let port = try #require(bound)
            let url = try #require(URL(string: "http://127.0.0.1:\(port)/consent"))
            do {
                try await body(url)
            } catch {
                group.cancelAll()
                throw error
            }
            group.cancelAll()
        }
    }

    @Test(
        "headless Chromium loads a page, clicks a button and lands on the next page",
        .enabled(if: WebDriverSession.shouldRun, "needs chromium and chromedriver (always runs on CI)"),
        .timeLimit(.minutes(5)))
    func clickThrough() async throws {
        try await Self.withPage { url in
            let browser = try await WebDriverSession.start()
            do {
                try await browser.navigate(to: url)
                try await browser.waitFor(text: "Grant access?")
                try await browser.click(cssSelector: "#grant")
                let text = try await browser.waitFor(text: "Answer: granted")
                #expect(text.contains("Answer: granted"))
                let landed = try await browser.currentURL()
                #expect(landed.path == "/done")
                #expect(landed.query == "answer=granted")
                #expect(landed.host == "127.0.0.1")
            } catch {
                await browser.close()
                throw error
            }
            await browser.close()
        }
    }

    @Test(
        "clicking a selector that matches nothing is a Failure naming it",
        .enabled(if: WebDriverSession.shouldRun, "needs chromium and chromedriver (always runs on CI)"),
        .timeLimit(.minutes(5)))
    func missingElement() async throws {
        try await Self.withPage { url in
            let browser = try await WebDriverSession.start()
            do {
                try await browser.navigate(to: url)
                let error = await #expect(throws: WebDriverSession.Failure.self) {
                    try await browser.click(cssSelector: "#absent")
                }
                #expect(error?.description.contains("#absent") == true)
            } catch {
                await browser.close()
                throw error
            }
            await browser.close()
        }
    }
}
