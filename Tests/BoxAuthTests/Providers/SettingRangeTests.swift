import BoxAuth
import Testing

@Suite("SettingRange")
struct SettingRangeTests {
    @Test("contains: bounds as declared; NaN, infinities and fractions of whole-number ranges never")
    func contains() {
        let seconds = SettingRange.seconds(above: 0, upTo: 300)
        #expect(seconds.contains(300) && seconds.contains(0.001))
        #expect(!seconds.contains(0) && !seconds.contains(-1) && !seconds.contains(1e300))
        #expect(!seconds.contains(.nan) && !seconds.contains(.infinity))
        let counts = SettingRange.wholeNumbers(from: 1, through: 100)
        #expect(counts.contains(1) && counts.contains(100) && !counts.contains(2.5) && !counts.contains(0))
        #expect(SettingRange.seconds(from: 0, upTo: 3600).contains(0))
    }

    @Test("the range as messages say it")
    func description() {
        #expect(SettingRange.seconds(above: 0, upTo: 300).description == "more than 0 and at most 300 seconds")
        #expect(SettingRange.seconds(from: 0, upTo: 3600).description == "from 0 to 3600 seconds")
        #expect(SettingRange.wholeNumbers(from: 1, through: 100).description == "a whole number from 1 to 100")
    }

    @Test(
        "a Double becomes a Duration without a trap, whatever a library user sets",
        arguments: [1e300, -5, .nan, .infinity])
    func clampedSeconds(value: Double) {
        let duration = Duration.clampedSeconds(value)
        #expect(duration >= .zero && duration <= .seconds(1_000_000))
    }

    @Test("RetryPolicy with a huge deadline: the longest fetch stays finite")
    func retryPolicy() {
        let policy = RetryPolicy(maxAttempts: 3, deadline: 1e300)
        #expect(policy.longestFetch(timeout: 30).isFinite)
    }
}
