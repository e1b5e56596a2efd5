public import Foundation

import AsyncHTTPClient
import BoxAuth
import BoxAuthAsyncHTTPClient
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A headless Chromium driven through `chromedriver` over the W3C WebDriver protocol, for tests
/// that click through a real page (the emulator's consent page, the CLI's callback page).
///
/// ```swift
/// @Test(.enabled(if: WebDriverSession.shouldRun, "needs chromium and chromedriver"))
/// func consent() async throws {
///     let browser = try await WebDriverSession.start()
///     try await browser.navigate(to: loginURL)
///     try await browser.click(cssSelector: "#grant")
///     try await browser.waitFor(text: "You can close this window")
///     await browser.close()
/// }
/// ```
///
/// Every request goes to `chromedriver` on 127.0.0.1. Waits poll for an event (the driver
/// answering, a text appearing) within generous limits, so a busy machine slows a test down
/// rather than failing it.
///
/// > Important: Call ``close()`` when done, also after a failure: it ends the browser and
/// > `chromedriver`.
public actor WebDriverSession {
    /// A browser that is missing, would not start, or a WebDriver command that failed.
    public struct Failure: Error, CustomStringConvertible {
        /// What went wrong and, where it helps, what to do.
        public let description: String
    }

    /// The W3C key of an element reference in WebDriver answers.
    private static let elementKey = "element-6066-11e4-a52e-4f735466cecf"

    private let driver: Process
    private let baseURL: URL
    // chromedriver writes header lines without a space after the colon, which URLSession on Linux
    // (libcurl through swift-corelibs-foundation) refuses ("Failed writing header"); SwiftNIO's
    // parser takes them.
    private let session: any HTTPTransport
    private let timeout: TimeInterval
    private var sessionID: String?

    private init(driver: Process, baseURL: URL, session: any HTTPTransport, timeout: TimeInterval, sessionID: String?) {
        self.driver = driver
        self.baseURL = baseURL
        self.session = session
        self.timeout = timeout
        self.sessionID = sessionID
    }

    // MARK: Availability

    /// The Chromium executable: `chromium` (or `chromium-browser`, `google-chrome`) on `PATH` or in
    /// `/usr/bin`; nil when there is none.
    public static var browserExecutable: URL? {
        ["chromium", "chromium-browser", "google-chrome"].lazy.compactMap(executable(named:)).first
    }

    /// The `chromedriver` executable on `PATH` or in `/usr/bin`; nil when there is none.
    public static var driverExecutable: URL? { executable(named: "chromedriver") }

    /// Whether both Chromium and `chromedriver` are installed.
    public static var isAvailable: Bool { browserExecutable != nil && driverExecutable != nil }

    /// Whether the environment says this is CI (`CI` is set, to anything but empty).
    public static var isCI: Bool { !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty }

    /// Whether browser tests should run: when the browser is installed, and always on CI, where a
    /// missing browser makes ``start(timeout:)`` throw so the test fails instead of being skipped.
    ///
    /// Use it as `@Test(.enabled(if: WebDriverSession.shouldRun, "needs chromium and chromedriver"))`.
    public static var shouldRun: Bool { isAvailable || isCI }

    private static func executable(named name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let folders = path.split(separator: ":").map(String.init) + ["/usr/bin"]
        for folder in folders {
            let candidate = URL(fileURLWithPath: folder).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    // MARK: Starting and stopping

    /// Starts `chromedriver` on a free loopback port, waits until it is ready, and opens a headless
    /// Chromium session.
    /// - Parameter timeout: How long `chromedriver` may take to become ready (and each request).
    /// - Throws: ``Failure`` when Chromium or `chromedriver` is missing (saying how to install
    ///   them) or does not start in time.
    public static func start(timeout: Duration = .seconds(60)) async throws -> WebDriverSession {
        guard let driverURL = driverExecutable, let browserURL = browserExecutable else {
            throw Failure(
                description: "chromium and chromedriver are needed for browser tests; "
                    + "install them with `apt-get install -y chromium chromium-driver`.")
        }
        let seconds = Double(timeout.components.seconds)
        let session = AsyncHTTPClientTransport(client: .shared)

        var lastError: (any Error)?
        // A port picked free may be taken before chromedriver binds it: try a few.
        for _ in 0..<3 {
            let port = try LoopbackPort.unused()
            let driver = Process()
            driver.executableURL = driverURL
            driver.arguments = ["--port=\(port)", "--allowed-ips=127.0.0.1"]
            driver.standardInput = FileHandle.nullDevice
            driver.standardOutput = FileHandle.nullDevice
            driver.standardError = FileHandle.nullDevice
            try driver.run()
            guard let baseURL = URL(string: "http://127.0.0.1:\(port)") else { continue }
            let browser = WebDriverSession(
                driver: driver, baseURL: baseURL, session: session, timeout: seconds, sessionID: nil)
            do {
                try await browser.waitUntilReady(within: timeout)
                try await browser.openSession(browser: browserURL)
                return browser
            } catch {
                lastError = error
                await browser.close()
            }
        }
        throw Failure(description: "chromedriver did not start: \(lastError.map { "\($0)" } ?? "unknown error")")
    }

    /// Deletes the session (closing Chromium) and terminates `chromedriver`. Safe to call twice.
    public func close() async {
        if let sessionID {
            self.sessionID = nil
            _ = try? await send("DELETE", "session/\(sessionID)", body: nil)
        }
        // A child inherits the spawning thread's signal mask, and the test runner's threads block
        // SIGTERM: terminate() alone left every chromedriver running. SIGKILL cannot be blocked.
        if driver.isRunning { kill(driver.processIdentifier, SIGKILL) }
    }

    private func waitUntilReady(within timeout: Duration) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline {
            guard driver.isRunning else { throw Failure(description: "chromedriver exited at start") }
            if let answer = try? await send("GET", "status", body: nil),
                (answer as? [String: Any])?["ready"] as? Bool == true
            {
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw Failure(description: "chromedriver was not ready within \(timeout)")
    }

    private func openSession(browser: URL) async throws {
        let options: [String: Any] = [
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
            "binary": browser.path,
        ]
        let body: [String: Any] = [
            "capabilities": ["alwaysMatch": ["browserName": "chrome", "goog:chromeOptions": options]]
        ]
        let answer = try await send("POST", "session", body: body)
        guard let id = (answer as? [String: Any])?["sessionId"] as? String else {
            throw Failure(description: "chromedriver answered POST /session without a sessionId")
        }
        sessionID = id
    }

    // MARK: Commands

    /// Loads `url` and waits until the page has loaded.
    public func navigate(to url: URL) async throws {
        _ = try await command("POST", "url", body: ["url": url.absoluteString])
    }

    /// Clicks the first element matching `cssSelector` (e.g. `#grant`).
    /// - Throws: ``Failure`` when no element matches.
    public func click(cssSelector: String) async throws {
        let answer: Any?
        do {
            answer = try await command("POST", "element", body: ["using": "css selector", "value": cssSelector])
        } catch {
            throw Failure(description: "no element matches \(cssSelector): \(error)")
        }
        guard let element = (answer as? [String: Any])?[Self.elementKey] as? String else {
            throw Failure(description: "no element matches \(cssSelector)")
        }
        _ = try await command("POST", "element/\(element)/click", body: [:])
    }

    /// The URL of the page shown.
    public func currentURL() async throws -> URL {
        let answer = try await command("GET", "url", body: nil)
        guard let text = answer as? String, let url = URL(string: text) else {
            throw Failure(description: "the current URL is not a URL: \(String(describing: answer))")
        }
        return url
    }

    /// The visible text of the page's body (`document.body.innerText`; empty before a body exists).
    public func pageText() async throws -> String {
        let script = "return document.body ? document.body.innerText : '';"
        return try await command("POST", "execute/sync", body: ["script": script, "args": [Any]()]) as? String ?? ""
    }

    /// Polls the page until its text contains `text`.
    /// - Returns: The page's text at that moment.
    /// - Throws: ``Failure`` with the last text seen when `timeout` passes first.
    @discardableResult
    public func waitFor(text: String, timeout: Duration = .seconds(60)) async throws -> String {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var seen = ""
        repeat {
            seen = (try? await pageText()) ?? seen
            if seen.contains(text) { return seen }
            try await Task.sleep(for: .milliseconds(100))
        } while clock.now < deadline
        throw Failure(
            description: "the page did not show \(text.debugDescription) within \(timeout); it showed: \(seen)")
    }

    // MARK: Requests

    private func command(_ method: String, _ path: String, body: [String: Any]?) async throws -> Any? {
        guard let sessionID else { throw Failure(description: "the WebDriver session is closed") }
        return try await send(method, "session/\(sessionID)/\(path)", body: body)
    }

    /// Sends one WebDriver request and returns the answer's `value`.
    private func send(_ method: String, _ path: String, body: [String: Any]?) async throws -> Any? {
        var headers: [(String, String)] = []
        var data: Data?
        if let body {
            headers.append(("Content-Type", "application/json; charset=utf-8"))
            data = try JSONSerialization.data(withJSONObject: body)
        }
        let response = try await session.send(
            TransportRequest(
                method: method, url: baseURL.appendingPathComponent(path), headers: headers, body: data,
                timeout: timeout))
        let object = try? JSONSerialization.jsonObject(with: response.body, options: [.fragmentsAllowed])
        let value = (object as? [String: Any])?["value"]
        let status = response.status
        guard (200..<300).contains(status) else {
            let details = value as? [String: Any]
            let error = details?["error"] as? String ?? "HTTP \(status)"
            let message = (details?["message"] as? String)?.split(separator: "\n").first.map(String.init) ?? ""
            throw Failure(description: "WebDriver \(method) /\(path) failed: \(error): \(message)")
        }
        return value is NSNull ? nil : value
    }
}
