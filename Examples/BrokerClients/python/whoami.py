"""Prints who the box-auth broker's token acts as: `{"id": ..., "login": ...}` from /2.0/users/me.

    python whoami.py --socket /run/box-auth/broker.sock --profile service

This process gets only the broker's address and a profile name: never the app's key or secret.
`$BOX_API_BASE_URL` (if set) points the SDK at another API host, such as the box-auth emulator.
"""

import argparse
import json
import os
import sys

from box_sdk_gen import BaseUrls, BoxClient

from box_auth_broker import BrokerAuth, BrokerError


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", default="service", help="the broker's profile (default: service)")
    parser.add_argument("--socket", help="the broker's Unix socket (default: $BOX_AUTH_BROKER_SOCKET)")
    parser.add_argument("--url", help="the broker's loopback URL, http://127.0.0.1:PORT, instead of a socket")
    parser.add_argument("--token-file", help="with --url: the file holding the bearer secret")
    arguments = parser.parse_args()

    try:
        auth = BrokerAuth(profile=arguments.profile, socket=arguments.socket, url=arguments.url,
                          token_file=arguments.token_file)
    except ValueError as error:
        parser.error(str(error))
    client = BoxClient(auth=auth)
    base_url = os.environ.get("BOX_API_BASE_URL")
    if base_url:
        client = client.with_custom_base_urls(BaseUrls(base_url=base_url.rstrip("/")))
    try:
        me = client.users.get_user_me()
    except BrokerError as error:
        print(f"whoami: {error}", file=sys.stderr)
        return 1
    print(json.dumps({"id": me.id, "login": me.login}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
