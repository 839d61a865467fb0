import { createHash } from 'node:crypto';
import { randomToken } from '../domain/ids.ts';
import type { Sqlite } from '../store/sqlite.ts';
import { scopeList } from './scopes.ts';

export interface IssuedTokens {
  access_token: string;
  expires_in: number;
  refresh_token?: string;
}

export type TokenCheck =
  | { ok: true; appKey: string; scope: string }
  | { ok: false; reason: 'invalid' | 'expired' };

/** A refresh token's family and what it was granted. `pkce`: refreshing it needs no app secret. */
export interface RefreshGrant {
  family: string;
  scope: string;
  pkce: boolean;
}

// Stryker disable next-line StringLiteral: equivalent, a Buffer digest is stored and looked up as a BLOB that matches itself the same way
const DIGEST_ENCODING = 'hex';
const hash = (token: string) => createHash('sha256').update(token).digest(DIGEST_ENCODING);

/**
 * Access and refresh tokens, stored only as hashes. A refresh token and every access token issued
 * from it share a family, so revoking one revokes them all, as Dropbox does.
 */
export class TokenStore {
  constructor(
    private readonly db: Sqlite,
    private readonly lifetimeSeconds: number,
  ) {}

  /** `pkce`: the grant was proven with a code verifier, so refreshing it needs no app secret. */
  issue(appKey: string, scope: string, offline: boolean, pkce: boolean): IssuedTokens {
    const family = randomToken(16);
    const issued: IssuedTokens = this.issueAccess(appKey, scope, family);
    if (offline) {
      const refresh = randomToken(64);
      this.db.run(
        'INSERT INTO tokens (token_hash, kind, app_key, family, scope, expires_ms, pkce) VALUES (?, ?, ?, ?, ?, NULL, ?)',
        [hash(refresh), 'refresh', appKey, family, scope, pkce ? 1 : 0],
      );
      issued.refresh_token = refresh;
    }
    return issued;
  }

  /** What a refresh token grants, or null for one that is unknown, revoked or another app's. */
  findRefresh(refreshToken: string, appKey: string): RefreshGrant | null {
    const row = this.db.get<{
      family: string;
      scope: string;
      app_key: string;
      revoked: number;
      pkce: number;
    }>("SELECT family, scope, app_key, revoked, pkce FROM tokens WHERE token_hash = ? AND kind = 'refresh'", [
      hash(refreshToken),
    ]);
    if (!row || row.revoked || row.app_key !== appKey) return null;
    return { family: row.family, scope: row.scope, pkce: row.pkce === 1 };
  }

  /**
   * A new access token of the grant's family, carrying `scope` (the grant's, or fewer when the app
   * narrowed it); Dropbox sends no new refresh token back.
   */
  refresh(grant: RefreshGrant, appKey: string, scope: string): IssuedTokens {
    return this.issueAccess(appKey, scope, grant.family);
  }

  /** Every scope this app was ever granted: what `include_granted_scopes=user` adds to a new sign-in. */
  grantedScopes(appKey: string): string[] {
    const rows = this.db.all<{ scope: string }>('SELECT DISTINCT scope FROM tokens WHERE app_key = ?', [
      appKey,
    ]);
    return rows.flatMap((row) => scopeList(row.scope));
  }

  /** A token issued to another app (localbox restarted with another key) is as good as none, as at Dropbox. */
  check(accessToken: string, appKey: string, now = Date.now()): TokenCheck {
    // Every access token is issued with an expiry; only refresh tokens have none.
    const row = this.db.get<{ app_key: string; scope: string; expires_ms: number; revoked: number }>(
      "SELECT app_key, scope, expires_ms, revoked FROM tokens WHERE token_hash = ? AND kind = 'access'",
      [hash(accessToken)],
    );
    // Stryker disable next-line ObjectLiteral,StringLiteral: equivalent, callers read only `ok` and `reason === 'expired'`: any other failure is invalid_access_token
    if (!row || row.revoked || row.app_key !== appKey) return { ok: false, reason: 'invalid' };
    if (row.expires_ms <= now) return { ok: false, reason: 'expired' };
    return { ok: true, appKey: row.app_key, scope: row.scope };
  }

  revokeFamilyOf(accessToken: string): void {
    this.db.run(
      'UPDATE tokens SET revoked = 1 WHERE family = (SELECT family FROM tokens WHERE token_hash = ?)',
      [hash(accessToken)],
    );
  }

  /** Fault injection: every access token issued so far is expired from now on (check: expiry <= now). */
  expireAll(now = Date.now()): void {
    // Stryker disable next-line ArrayDeclaration: an expiry left unbound is NULL, which check reads as 0: past, as now is
    this.db.run("UPDATE tokens SET expires_ms = ? WHERE kind = 'access'", [now]);
  }

  private issueAccess(appKey: string, scope: string, family: string): IssuedTokens {
    const token = `sl.${randomToken(120)}`;
    this.db.run(
      'INSERT INTO tokens (token_hash, kind, app_key, family, scope, expires_ms) VALUES (?, ?, ?, ?, ?, ?)',
      [hash(token), 'access', appKey, family, scope, Date.now() + this.lifetimeSeconds * 1000],
    );
    return { access_token: token, expires_in: this.lifetimeSeconds };
  }
}
