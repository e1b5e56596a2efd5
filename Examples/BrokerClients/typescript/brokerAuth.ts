// A sketch, not built or run by CI: box-typescript-sdk-gen's `Authentication` with tokens from the
// box-auth broker (`box-auth serve`) over its Unix socket. Written from the SDK's published
// interface (src/networking/auth.generated.ts); the import paths follow its `lib/` layout and may
// differ between versions. Needs Node.js 18+ and the SDK, nothing else.
//
//   import { BoxClient } from 'box-typescript-sdk-gen';
//   const client = new BoxClient({ auth: new BrokerAuth({ profile: 'service' }) });
//   console.log((await client.users.getUserMe()).login);

import { request } from 'node:http';
import type { Authentication } from 'box-typescript-sdk-gen/lib/networking/auth.generated.js';
import type { NetworkSession } from 'box-typescript-sdk-gen/lib/networking/network.generated.js';
import {
  AccessToken,
  deserializeAccessToken,
} from 'box-typescript-sdk-gen/lib/schemas/accessToken.generated.js';

/** The broker refused a request (its `{"error", "message"}`), or could not be reached (status 0). */
export class BrokerError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly brokerMessage: string,
  ) {
    super(`box-auth broker: ${code}${status ? ` (HTTP ${status})` : ''}: ${brokerMessage}`);
  }
}

export interface BrokerAuthOptions {
  /** The profile in the broker's profiles.json. */
  readonly profile: string;
  /** The broker's socket (default: $BOX_AUTH_BROKER_SOCKET, else $XDG_RUNTIME_DIR/box-auth/broker.sock). */
  readonly socket?: string;
}

// A cached token is used until this many milliseconds before the broker's `expires_at`.
const expiryMargin = 30_000;

export class BrokerAuth implements Authentication {
  private readonly profile: string;
  private readonly socket: string;
  private token?: AccessToken;
  private expiresAt = 0;

  constructor(options: BrokerAuthOptions) {
    this.profile = options.profile;
    this.socket =
      options.socket ??
      process.env.BOX_AUTH_BROKER_SOCKET ??
      `${process.env.XDG_RUNTIME_DIR ?? ''}/box-auth/broker.sock`;
  }

  async retrieveToken(networkSession?: NetworkSession): Promise<AccessToken> {
    if (this.token && Date.now() < this.expiresAt - expiryMargin) return this.token;
    return this.fetchToken();
  }

  /** After Box answered 401: the broker drops the current token (if still current), then mints one. */
  async refreshToken(networkSession?: NetworkSession): Promise<AccessToken> {
    const current = this.token;
    this.token = undefined;
    if (current?.accessToken) {
      await this.call('POST', 'invalidate', { access_token: current.accessToken });
    }
    return this.fetchToken();
  }

  async retrieveAuthorizationHeader(networkSession?: NetworkSession): Promise<string> {
    return `Bearer ${(await this.retrieveToken(networkSession)).accessToken}`;
  }

  /** Forgets the local copy and asks the broker to drop it; the credentials stay with the broker. */
  async revokeToken(networkSession?: NetworkSession): Promise<undefined> {
    const current = this.token;
    this.token = undefined;
    if (current?.accessToken) {
      await this.call('POST', 'invalidate', { access_token: current.accessToken });
    }
    return undefined;
  }

  async downscopeToken(
    scopes: readonly string[],
    resource?: string,
    sharedLink?: string,
    networkSession?: NetworkSession,
  ): Promise<AccessToken> {
    const body: Record<string, unknown> = { scopes };
    if (resource !== undefined) body.resource = resource;
    if (sharedLink !== undefined) body.sharedLink = sharedLink;
    return deserializeAccessToken(await this.call('POST', 'token', body));
  }

  private async fetchToken(): Promise<AccessToken> {
    const answer = await this.call('GET', 'token');
    if (typeof answer.access_token !== 'string') {
      throw new BrokerError(200, 'bad_answer', "the broker's answer has no access_token");
    }
    this.token = deserializeAccessToken(answer);
    this.expiresAt =
      typeof answer.expires_at === 'string'
        ? Date.parse(answer.expires_at)
        : Date.now() + Number(answer.expires_in ?? 0) * 1000;
    return this.token;
  }

  private call(method: 'GET' | 'POST', action: string, body?: object): Promise<any> {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = { 'Box-Auth-Broker': '1', Accept: 'application/json' };
    if (data !== undefined) headers['Content-Type'] = 'application/json';
    return new Promise((resolve, reject) => {
      const req = request(
        {
          socketPath: this.socket,
          host: 'localhost',
          method,
          path: `/v1/profiles/${encodeURIComponent(this.profile)}/${action}`,
          headers,
          timeout: 30_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let json: any = {};
            try {
              json = text ? JSON.parse(text) : {};
            } catch {
              json = {};
            }
            const status = res.statusCode ?? 0;
            if (status >= 300) {
              reject(new BrokerError(status, String(json.error ?? 'unknown'), String(json.message ?? '')));
            } else {
              resolve(json);
            }
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error('timed out')));
      req.on('error', (error) =>
        reject(new BrokerError(0, 'unreachable', `cannot reach the broker at ${this.socket}: ${error.message}`)),
      );
      if (data !== undefined) req.write(data);
      req.end();
    });
  }
}
