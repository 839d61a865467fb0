import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { OAuthFlow } from '../auth/oauth-flow.ts';
import { TokenStore } from '../auth/tokens.ts';
import { newRevSalt, randomToken } from '../domain/ids.ts';
import { BlobStore } from '../store/blobs.ts';
import { makePrivateFolder, narrowPrivateTree } from '../store/private-files.ts';
import { metaValue, migrate } from '../store/schema.ts';
import { SessionStore } from '../store/sessions.ts';
import { Sqlite } from '../store/sqlite.ts';
import { Tree } from '../store/tree.ts';
import type { LocalboxConfig } from './config.ts';
import { DataDirLock } from './data-dir-lock.ts';
import { Faults } from './faults.ts';

export interface AccountIdentity {
  accountId: string;
  namespaceId: string;
}

/** Everything a route may use, opened once per localbox. */
export class Services {
  readonly db: Sqlite;
  readonly tree: Tree;
  readonly blobs: BlobStore;
  readonly tokens: TokenStore;
  readonly sessions: SessionStore;
  readonly faults = new Faults();
  /** Consent requests and authorization codes in flight: short-lived, so kept in memory. */
  readonly oauth = new OAuthFlow();
  /** Fired after every committed change to the tree; longpolls listen here. */
  readonly changes = new EventEmitter();
  readonly appKey: string;
  readonly identity: AccountIdentity;
  /** Names this data folder's history: cursors from another folder are reset, not misread. */
  readonly epoch: string;
  /** Requests received, by route name (injected faults included), for tests that count round trips. */
  readonly requestCounts = new Map<string, number>();
  private readonly lock: DataDirLock;

  constructor(readonly config: LocalboxConfig) {
    makePrivateFolder(config.dataDir);
    this.lock = DataDirLock.acquire(config.dataDir);
    try {
      // A folder an older localbox (or a copy) left readable is narrowed before anything is opened.
      const narrowed = narrowPrivateTree(config.dataDir);
      if (narrowed.length > 0 && config.logLevel !== 'silent' && config.logLevel !== 'error')
        config.log(
          `localbox: ${config.dataDir} was readable by other users; narrowed ${narrowed.length} entries to this user only`,
        );
      this.blobs = new BlobStore(config.dataDir);
      this.db = new Sqlite(join(config.dataDir, 'localbox.sqlite'));
      migrate(this.db);
      this.appKey = config.appKey ?? metaValue(this.db, 'app_key', () => randomToken(15).toLowerCase());
      this.identity = {
        accountId: metaValue(this.db, 'account_id', () => `dbid:${randomToken(35)}`),
        namespaceId: metaValue(this.db, 'namespace_id', () =>
          String(1_000_000_000 + Math.floor(Math.random() * 1e9)),
        ),
      };
      this.epoch = metaValue(this.db, 'epoch', () => randomToken(8));
      const salt = metaValue(this.db, 'rev_salt', newRevSalt);
      this.changes.setMaxListeners(0);
      this.tree = new Tree(this.db, salt, () => queueMicrotask(() => this.changes.emit('change')));
      this.tokens = new TokenStore(this.db, config.accessTokenSeconds);
      this.sessions = new SessionStore(this.db, config.dataDir);
      this.sessions.sweep();
      this.blobs.sweep(this.tree.referencedHashes());
    } catch (error) {
      this.lock.release();
      throw error;
    }
  }

  countRequest(route: string): void {
    this.requestCounts.set(route, (this.requestCounts.get(route) ?? 0) + 1);
  }

  close(): void {
    this.db.close();
    this.lock.release();
  }
}
