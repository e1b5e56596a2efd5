import BoxAuth
@_spi(Plumbing) import BoxAuthJWT
import Foundation
import Testing

@Suite("JWTClaims")
struct JWTClaimsTests {
    let now = Date(timeIntervalSince1970: 1_700_000_000.75)

    @Test("fresh claims carry the client ID, the subject and Box's audience")
    func freshFields() throws {
        let claims = try JWTClaims.fresh(clientID: "test-client-id", subject: .enterprise("1234567"), now: now)
        #expect(claims.issuer == "test-client-id")
        #expect(claims.subject == .enterprise("1234567"))
        #expect(claims.audience == "https://api.box.com/oauth2/token")
        #expect(claims.audience == JWTClaims.boxAudience)
    }

    @Test("exp is now + 45 seconds by default")
    func defaultExpiry() throws {
        let claims = try JWTClaims.fresh(clientID: "id", subject: .user("33333"), now: now)
        #expect(claims.expiresAt == 1_700_000_045)
    }

    @Test("exp is never more than 60 seconds ahead", arguments: [1, 30, 45, 59, 60, 61, 120, 3600, Int64.max / 2])
    func expiryCapped(lifetime: Int64) throws {
        let claims = try JWTClaims.fresh(clientID: "id", subject: .user("33333"), now: now, lifetime: lifetime)
        let ahead = claims.expiresAt - 1_700_000_000
        #expect(ahead == min(lifetime, 60))
        #expect(ahead <= JWTClaims.maximumLifetime)
    }

    @Test("jti is 16 to 128 URL-safe characters and unique across 1000 assertions")
    func jtiUnique() throws {
        var seen = Set<String>()
        for _ in 0..<1000 {
            let claims = try JWTClaims.fresh(clientID: "id", subject: .enterprise("1"), now: now)
            #expect((16...128).contains(claims.jwtID.count))
            #expect(claims.jwtID.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
            seen.insert(claims.jwtID)
        }
        #expect(seen.count == 1000)
    }

    @Test("json is compact JSON with the claims in Box's order")
    func json() {
        let claims = JWTClaims(
            issuer: "test-client-id", subject: .enterprise("1234567"), jwtID: "abcdefghijklmnop", expiresAt: 42)
        #expect(
            claims.json
                == #"{"iss":"test-client-id","sub":"1234567","box_sub_type":"enterprise","aud":"https://api.box.com/oauth2/token","jti":"abcdefghijklmnop","exp":42}"#
        )
    }

    @Test("BoxSubject renders as kind and ID")
    func subjectDescription() {
        #expect(BoxSubject.enterprise("1234567").description == "enterprise 1234567")
        #expect(BoxSubject.user("33333").description == "user 33333")
        #expect(BoxSubject(.user, id: "5") == .user("5"))
    }
}
