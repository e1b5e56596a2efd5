import Foundation

/// The JSON Schema (draft 2020-12) of `profiles.json`, generated from the providers' declared settings.
///
/// `box-auth profiles schema` prints it; the repository commits it as `profiles.schema.json`, which
/// editors use for completion and checking (`"$schema": "./profiles.schema.json"`).
package enum ProfilesSchema {
    /// The schema for a registry's provider kinds, as pretty-printed JSON with sorted keys.
    package static func json(for registry: AuthProviderRegistry) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(schema(for: registry))) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// The schema as a JSON value.
    package static func schema(for registry: AuthProviderRegistry) -> JSONValue {
        let variants: [JSONValue] = registry.kinds.compactMap { kind in
            registry.factory(for: kind).map { profileSchema(kind: kind, factory: $0, common: registry.commonSettings) }
        }
        return .object([
            "$schema": .string("https://json-schema.org/draft/2020-12/schema"),
            "title": .string("swift-box-auth profiles.json (format version \(ProfilesFile.formatVersion))"),
            "type": .string("object"),
            "additionalProperties": .bool(false),
            "required": .array([.string("profiles")]),
            "properties": .object([
                "$schema": .object(["type": .string("string")]),
                "version": .object(["const": .integer(Int64(ProfilesFile.formatVersion))]),
                "defaultProfile": .object([
                    "type": .string("string"), "description": .string("The profile used when none is named."),
                ]),
                "profiles": .object([
                    "type": .string("object"),
                    "additionalProperties": .object(["oneOf": .array(variants)]),
                ]),
                "broker": brokerSchema,
            ]),
            "$defs": .object(["secret": secretSchema]),
        ])
    }

    private static func profileSchema(
        kind: String, factory: any AuthProviderFactory, common: [ProviderSetting]
    ) -> JSONValue {
        var properties: [String: JSONValue] = [:]
        for setting in common + factory.settings {
            properties[setting.name] = settingSchema(setting)
        }
        properties["provider"] = .object(["const": .string(kind), "description": .string(factory.summary)])
        let required = (common + factory.settings).filter(\.isRequired).map {
            JSONValue.string($0.name)
        }
        return .object([
            "title": .string(kind),
            "type": .string("object"),
            "additionalProperties": .bool(false),
            "required": .array(required),
            "properties": .object(properties),
        ])
    }

    private static func settingSchema(_ setting: ProviderSetting) -> JSONValue {
        var schema: [String: JSONValue]
        switch setting.type {
        case .string, .path: schema = ["type": .string("string"), "minLength": .integer(1)]
        case .identifier:
            schema = [
                "oneOf": .array([
                    .object(["type": .string("string"), "minLength": .integer(1)]),
                    .object(["type": .string("integer"), "minimum": .integer(0)]),
                ])
            ]
        case .secret: schema = ["$ref": .string("#/$defs/secret")]
        case .number:
            schema = setting.range?.schema ?? ["type": .string("number"), "minimum": .integer(0)]
        case .boolean: schema = ["type": .string("boolean")]
        case .stringArray:
            schema = ["type": .string("array"), "minItems": .integer(1), "items": .object(["type": .string("string")])]
        case .oneOf(let values): schema = ["enum": .array(values.map(JSONValue.string))]
        }
        schema["description"] = .string(setting.summary)
        if let value = setting.defaultValue { schema["default"] = defaultValue(value, type: setting.type) }
        return .object(schema)
    }

    private static func defaultValue(_ text: String, type: ProviderSetting.ValueType) -> JSONValue {
        if type == .number, let number = Int64(text) { return .integer(number) }
        return .string(text)
    }

    /// The `"broker"` object: the token broker's clients (``BrokerPolicy``).
    private static let brokerSchema: JSONValue = {
        let string: JSONValue = .object(["type": .string("string"), "minLength": .integer(1)])
        let account: JSONValue = .object([
            "oneOf": .array([
                .object(["type": .string("integer"), "minimum": .integer(0)]),
                string,
            ])
        ])
        let downscope: JSONValue = .object([
            "type": .string("object"), "additionalProperties": .bool(false), "required": .array([.string("scopes")]),
            "description": .string("The downscope every token of this client is restricted to (Box's token exchange)."),
            "properties": .object([
                "scopes": .object(["type": .string("array"), "minItems": .integer(1), "items": string]),
                "resource": .object([
                    "type": .string("string"), "minLength": .integer(1),
                    "description": .string("One file or folder by API URL (https://api.box.com/2.0/files/123)."),
                ]),
                "sharedLink": .object(["type": .string("string"), "minLength": .integer(1)]),
            ]),
            "not": .object(["required": .array([.string("resource"), .string("sharedLink")])]),
        ])
        let client: JSONValue = .object([
            "type": .string("object"), "additionalProperties": .bool(false),
            "required": .array([.string("name"), .string("profiles")]),
            "oneOf": .array(["uid", "gid", "tokenFile"].map { .object(["required": .array([.string($0)])]) }),
            "properties": .object([
                "name": .object([
                    "type": .string("string"), "pattern": .string("^[!-~]+$"),
                    "description": .string("The client's name in audit lines and metrics."),
                ]),
                "uid": account, "gid": account,
                "tokenFile": .object([
                    "type": .string("string"), "minLength": .integer(1),
                    "description": .string("A file (0600) holding the client's bearer secret, for callers over TCP."),
                ]),
                "profiles": .object([
                    "type": .string("array"), "minItems": .integer(1), "items": .object(["type": .string("string")]),
                    "description": .string("The profiles it may use; [\"*\"] for every profile."),
                ]),
                "downscope": downscope,
            ]),
        ])
        return .object([
            "type": .string("object"), "additionalProperties": .bool(false), "required": .array([.string("clients")]),
            "description": .string("Who may ask the token broker (box-auth serve) for which profiles."),
            "properties": .object(["clients": .object(["type": .string("array"), "items": client])]),
        ])
    }()

    private static let secretSchema: JSONValue = .object([
        "description": .string(
            #"A secret: the value, {"env": "NAME"}, {"file": "path"} or {"command": ["program", "arg"]}."#),
        "oneOf": .array([
            .object(["type": .string("string")]),
            .object([
                "type": .string("object"), "additionalProperties": .bool(false), "required": .array([.string("env")]),
                "properties": .object(["env": .object(["type": .string("string"), "minLength": .integer(1)])]),
            ]),
            .object([
                "type": .string("object"), "additionalProperties": .bool(false), "required": .array([.string("file")]),
                "properties": .object(["file": .object(["type": .string("string"), "minLength": .integer(1)])]),
            ]),
            .object([
                "type": .string("object"), "additionalProperties": .bool(false),
                "required": .array([.string("command")]),
                "properties": .object([
                    "command": .object([
                        "type": .string("array"), "minItems": .integer(1),
                        "items": .object(["type": .string("string"), "minLength": .integer(1)]),
                        "description": .string(
                            "The program (looked up on PATH without a slash) and its arguments, run without a shell."),
                    ])
                ]),
            ]),
        ]),
    ])
}
