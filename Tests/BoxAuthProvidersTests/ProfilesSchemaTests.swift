import BoxAuth
import BoxAuthProviders
import Foundation
import Testing

@Suite("profiles.schema.json")
struct ProfilesSchemaTests {
    static let committedSchema = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("profiles.schema.json")

    @Test(
        "the committed schema matches the built-in providers' declarations (regenerate with `box-auth profiles schema`)"
    )
    func committedSchemaIsCurrent() throws {
        let committed = try String(contentsOf: Self.committedSchema, encoding: .utf8)
        #expect(committed == ProfilesSchema.json(for: .standard))
    }

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
}
