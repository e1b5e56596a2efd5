// The heavy support builds on the light kit: a test that imports `BoxAuthTestSupport` also gets the
// committed keys, fixtures, temporary folders, log capture, test doubles and conformance checks.
@_exported import BoxAuthTestKit
