"""The Python SDKs' side of ../compare-sdks.sh: N JWT refreshes against the same token server.

Usage: refresh_timing.py SDK CONFIG_JSON TOKEN_URL_BASE N
  SDK: box-sdk-gen (Box's generated SDK; it decrypts the key for every assertion)
       boxsdk      (the legacy SDK, 3.x; it decrypts the key once, in JWTAuth's constructor)
Prints one JSON object: the median microseconds of a refresh, and of the first token (cold).
"""
import json
import statistics
import sys
import time


def box_sdk_gen(config_path, base, count):
    from box_sdk_gen import BaseUrls, BoxJWTAuth, JWTConfig, NetworkSession

    # The token endpoint is {base_url}/oauth2/token.
    session = NetworkSession(base_urls=BaseUrls(base_url=base, oauth_2_url=base + "/oauth2"))
    start = time.perf_counter()
    auth = BoxJWTAuth(config=JWTConfig.from_config_file(config_path))
    auth.refresh_token(network_session=session)
    first = time.perf_counter() - start
    samples = []
    for _ in range(count):
        start = time.perf_counter()
        auth.refresh_token(network_session=session)
        samples.append(time.perf_counter() - start)
    return first, samples


def boxsdk_legacy(config_path, base, count):
    from boxsdk import JWTAuth
    from boxsdk.config import API

    API.OAUTH2_API_URL = base + "/oauth2"
    start = time.perf_counter()
    auth = JWTAuth.from_settings_file(config_path)
    auth.authenticate_instance()
    first = time.perf_counter() - start
    samples = []
    for _ in range(count):
        start = time.perf_counter()
        auth.authenticate_instance()
        samples.append(time.perf_counter() - start)
    return first, samples


def main():
    sdk, config_path, base, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    run = {"box-sdk-gen": box_sdk_gen, "boxsdk": boxsdk_legacy}[sdk]
    first, samples = run(config_path, base, count)
    print(json.dumps({"sdk": sdk, "first_token_us": first * 1e6,
                      "refresh_us": statistics.median(samples) * 1e6, "refreshes": count}))


if __name__ == "__main__":
    main()
