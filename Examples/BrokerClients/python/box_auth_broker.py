"""box-sdk-gen authentication through the box-auth token broker (`box-auth serve`).

The broker holds the Box app's key; this process holds only the broker's address (a Unix socket
path, or a loopback URL and a token file) and gets short-lived access tokens from it:

    from box_sdk_gen import BoxClient
    from box_auth_broker import BrokerAuth

    client = BoxClient(auth=BrokerAuth(profile="service", socket="/run/box-auth/broker.sock"))
    print(client.users.get_user_me().login)

Written against box-sdk-gen 1.17.0 (`box_sdk_gen.networking.auth.Authentication`); needs nothing
else beyond the Python standard library. The broker's HTTP API is documented in the DocC article
"A token broker for other languages".
"""

import http.client
import json
import os
import socket as sockets
import threading
import time
from datetime import datetime
from typing import List, Optional
from urllib.parse import quote, urlsplit

from box_sdk_gen import AccessToken, Authentication, BoxSDKError, NetworkSession

# A cached token is used until this many seconds before the broker's `expires_at`.
EXPIRY_MARGIN = 30.0


class BrokerError(BoxSDKError):
    """The broker refused a request (`{"error", "message"}`) or could not be reached (status 0)."""

    def __init__(self, status: int, code: str, message: str):
        where = f" (HTTP {status})" if status else ""
        super().__init__(message=f"box-auth broker: {code}{where}: {message}")
        self.status = status
        self.code = code
        self.broker_message = message

    def __str__(self) -> str:
        return self.message


class _UnixHTTPConnection(http.client.HTTPConnection):
    """HTTP/1.1 over a Unix socket; the Host header is `localhost`, which the broker accepts."""

    def __init__(self, path: str, timeout: float):
        super().__init__("localhost", timeout=timeout)
        self._path = path

    def connect(self) -> None:
        self.sock = sockets.socket(sockets.AF_UNIX, sockets.SOCK_STREAM)
        self.sock.settimeout(self.timeout)
        self.sock.connect(self._path)


def default_socket() -> str:
    """`$BOX_AUTH_BROKER_SOCKET`, else the broker's default path (`$XDG_RUNTIME_DIR/box-auth/...`)."""
    if os.environ.get("BOX_AUTH_BROKER_SOCKET"):
        return os.environ["BOX_AUTH_BROKER_SOCKET"]
    if os.environ.get("XDG_RUNTIME_DIR"):
        return os.path.join(os.environ["XDG_RUNTIME_DIR"], "box-auth", "broker.sock")
    state = os.environ.get("XDG_STATE_HOME") or os.path.expanduser("~/.local/state")
    return os.path.join(state, "box-auth", "broker.sock")


class BrokerAuth(Authentication):
    """box-sdk-gen's `Authentication`, with tokens from the box-auth broker for one profile.

    Give `socket` (a Unix socket path; default `default_socket()`), or `url`
    (`http://127.0.0.1:PORT`) and `token_file` (the bearer secret's file, read at each request).
    The `network_session` arguments are accepted and unused: the broker is not Box.
    """

    def __init__(self, *, profile: str, socket: Optional[str] = None, url: Optional[str] = None,
                 token_file: Optional[str] = None, timeout: float = 30.0):
        super().__init__()
        if url is not None:
            parts = urlsplit(url)
            if parts.scheme != "http" or parts.hostname not in ("127.0.0.1", "localhost", "::1"):
                raise ValueError("the broker's url must be http:// on a loopback host")
            if token_file is None:
                raise ValueError("a broker url needs a token_file (its bearer secret)")
            if socket is not None:
                raise ValueError("give socket or url, not both")
        self.profile = profile
        self.socket = None if url is not None else (socket or default_socket())
        self.url = url
        self.token_file = token_file
        self.timeout = timeout
        self._lock = threading.Lock()
        self._token: Optional[AccessToken] = None
        self._expires_at = 0.0

    # box-sdk-gen's Authentication interface

    def retrieve_token(self, *, network_session: Optional[NetworkSession] = None) -> AccessToken:
        """The profile's token: the cached one until shortly before it expires, else the broker's."""
        with self._lock:
            if self._token is not None and time.time() < self._expires_at - EXPIRY_MARGIN:
                return self._token
            return self._fetch()

    def refresh_token(self, *, network_session: Optional[NetworkSession] = None) -> AccessToken:
        """A new token after Box refused the current one (401): the broker drops it, then mints one."""
        with self._lock:
            if self._token is not None:
                self._invalidate(self._token)
            return self._fetch()

    def retrieve_authorization_header(self, *, network_session: Optional[NetworkSession] = None) -> str:
        return "Bearer " + self.retrieve_token(network_session=network_session).access_token

    def revoke_token(self, *, network_session: Optional[NetworkSession] = None) -> None:
        """Forgets the local copy and asks the broker to drop it; the app's credentials stay with the broker."""
        with self._lock:
            token, self._token = self._token, None
            if token is not None:
                self._invalidate(token)

    def downscope_token(self, scopes: List[str], *, resource: Optional[str] = None,
                        shared_link: Optional[str] = None,
                        network_session: Optional[NetworkSession] = None) -> AccessToken:
        """A token restricted to `scopes` (and `resource` or `shared_link`), minted by the broker."""
        body = {"scopes": list(scopes)}
        if resource is not None:
            body["resource"] = resource
        if shared_link is not None:
            body["sharedLink"] = shared_link
        token, _ = self._token_from(self._request("POST", "token", body))
        return token

    # The broker's API

    def _fetch(self) -> AccessToken:
        self._token, self._expires_at = self._token_from(self._request("GET", "token"))
        return self._token

    def _invalidate(self, token: AccessToken) -> None:
        self._token = None
        self._request("POST", "invalidate", {"access_token": token.access_token})

    @staticmethod
    def _token_from(answer: dict) -> "tuple[AccessToken, float]":
        if not isinstance(answer.get("access_token"), str):
            raise BrokerError(200, "bad_answer", "the broker's answer has no access_token")
        known = ("access_token", "expires_in", "token_type", "restricted_to")
        token = AccessToken.from_dict({key: answer[key] for key in known if key in answer})
        if "expires_at" in answer:
            expires_at = datetime.fromisoformat(answer["expires_at"].replace("Z", "+00:00")).timestamp()
        else:
            expires_at = time.time() + float(answer.get("expires_in", 0))
        return token, expires_at

    def _request(self, method: str, action: str, body: Optional[dict] = None) -> dict:
        path = f"/v1/profiles/{quote(self.profile, safe='')}/{action}"
        headers = {"Box-Auth-Broker": "1", "Accept": "application/json"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        where = self.socket or self.url
        try:
            if self.socket is not None:
                connection = _UnixHTTPConnection(self.socket, self.timeout)
            else:
                with open(self.token_file, encoding="utf-8") as file:
                    headers["Authorization"] = "Bearer " + file.read().rstrip("\r\n")
                parts = urlsplit(self.url)
                connection = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=self.timeout)
            try:
                connection.request(method, path, body=data, headers=headers)
                response = connection.getresponse()
                status, text = response.status, response.read()
            finally:
                connection.close()
        except OSError as error:
            raise BrokerError(0, "unreachable", f"cannot reach the broker at {where}: {error.strerror or error}")
        try:
            answer = json.loads(text) if text else {}
        except ValueError:
            answer = {}
        if not isinstance(answer, dict):
            answer = {}
        if status >= 300:
            raise BrokerError(status, str(answer.get("error", "unknown")), str(answer.get("message", "")))
        return answer
