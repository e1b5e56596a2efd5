import BoxAuth
import BoxAuthProviders
import Foundation
import Testing

@Suite("profiles.schema.json")
struct ProfilesSchemaTests {
    @Test("every provider kind has a variant that names each declared setting")
    func everySettingIsInTheSchema() throws {
        let schema = ProfilesSchema.schema(for: .standard)
        let profiles = try #require(schema.objectValue?["properties"]?.objectValue?["profiles"]?.objectValue)
        let variants = try #require(profiles["additionalProperties"]?.objectValue?["oneOf"]?.arrayValue)
        #expect(variants.count == AuthProviderRegistry.standard.kinds.count)
        for kind in AuthProviderRegistry.standard.kinds {
            let factory = try #require(AuthProviderRegistry.standard.factory(for: kind))
            let variant = try #require(variants.first { $0.objectValue?["title"] == .string(kind) }?.objectValue)
            let properties = try #require(variant["properties"]?.objectValue)
            for setting in ProfileOptions.settings + factory.settings {
                #expect(properties[setting.name] != nil, "\(kind) lacks \(setting.name)")
            }
            #expect(variant["additionalProperties"] == .bool(false))
        }
    }

    @Test("the broker policy is in the schema: clients with one of uid, gid or tokenFile, profiles and a downscope")
    func brokerPolicy() throws {
        let schema = ProfilesSchema.schema(for: .standard)
        let broker = try #require(schema.objectValue?["properties"]?.objectValue?["broker"]?.objectValue)
        #expect(broker["additionalProperties"] == .bool(false))
        let client = try #require(
            broker["properties"]?.objectValue?["clients"]?.objectValue?["items"]?.objectValue)
        let properties = try #require(client["properties"]?.objectValue)
        #expect(Set(properties.keys) == Set(BrokerPolicy.clientKeys))
        #expect(client["oneOf"]?.arrayValue?.count == 3)
        let downscope = try #require(properties["downscope"]?.objectValue?["properties"]?.objectValue)
        #expect(Set(downscope.keys) == Set(BrokerDownscope.keys))
    }

    @Test("numeric settings carry their ranges: exclusiveMinimum or minimum, maximum, integer for counts")
    func numericRanges() throws {
        let schema = ProfilesSchema.schema(for: .standard)
        let profiles = try #require(schema.objectValue?["properties"]?.objectValue?["profiles"]?.objectValue)
        let variants = try #require(profiles["additionalProperties"]?.objectValue?["oneOf"]?.arrayValue)
        let jwt = try #require(variants.first { $0.objectValue?["title"] == .string("jwt") }?.objectValue)
        let properties = try #require(jwt["properties"]?.objectValue)
        let timeout = try #require(properties["timeout"]?.objectValue)
        #expect(timeout["exclusiveMinimum"] == .integer(0))
        #expect(timeout["maximum"] == .integer(300))
        #expect(timeout["minimum"] == nil)
        let attempts = try #require(properties["maxAttempts"]?.objectValue)
        #expect(attempts["type"] == .string("integer"))
        #expect(attempts["minimum"] == .integer(1))
        #expect(attempts["maximum"] == .integer(100))
        let margin = try #require(properties["refreshMargin"]?.objectValue)
        #expect(margin["minimum"] == .integer(0))
        #expect(margin["maximum"] == .integer(3600))
        for name in ["retryDeadline", "cacheLockTimeout"] {
            let setting = try #require(properties[name]?.objectValue)
            #expect(setting["exclusiveMinimum"] == .integer(0), "\(name)")
            #expect(setting["maximum"] == .integer(3600), "\(name)")
        }
    }
}
