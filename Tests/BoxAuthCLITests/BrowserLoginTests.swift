import BoxAuth
import BoxAuthTestSupport
import Foundation
import Testing

/// `box-auth login` with a real browser: headless Chromium opens the printed address, clicks
/// "Grant access" on the emulator's consent page and lands on the CLI's own page.
@Suite("box-auth login in a real browser")
struct BrowserLoginTests {
    @Test(
        "Chromium clicks Grant access, lands on the CLI's success page, and login exits 0",
        .enabled(if: WebDriverSession.shouldRun, "needs chromium and chromedriver (always runs on CI)"))
    func grantInChromium() async throws {
        try await EmulatorFixture.withCLI { fixture in
            let environment = try fixture.writeOAuth2Profile()
            let (login, address) = try await fixture.startLogin(environment: environment)
            let browser = try await WebDriverSession.start()
            do {
                try await browser.navigate(to: address)
                try await browser.waitFor(text: "Grant access")
                #expect(try await browser.pageText().contains("Alice Demo"))
                try await browser.click(cssSelector: "#grant")
                let text = try await browser.waitFor(text: "Signed in")
                #expect(text.contains("Alice Demo"))
                let landed = try await browser.currentURL()
                #expect(landed.host == "127.0.0.1")
                #expect(landed.path == "/callback")
            } catch {
                await browser.close()
                login.terminate()
                throw error
            }
            await browser.close()
            let result = await login.result()
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("Signed in as Alice Demo (33333)"))
            #expect(try fixture.pairFiles().count == 1)
        }
    }
}
