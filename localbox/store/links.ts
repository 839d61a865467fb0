import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { randomToken } from '../domain/ids.ts';
import type { Sqlite } from './sqlite.ts';

export type LinkAccess = 'viewer' | 'editor';
/** The audiences a single-user localbox can honour: anyone with the link, or only the owner. */
export type LinkAudience = 'public' | 'no_one';

export interface LinkSettings {
  audience: LinkAudience;
  /** scrypt of the link's password as "salt:hash" (hex), or null when the link needs none. */
  passwordHash: string | null;
  /** A DropboxTimestamp, or null for a link that does not expire. */
  expires: string | null;
  allowDownload: boolean;
}

export interface SharedLink extends LinkSettings {
  seq: number;
  id: string;
  /** The file or folder id: the link follows its item through moves and renames. */
  itemId: string;
  access: LinkAccess;
}

interface LinkRow {
  seq: number;
  id: string;
  item_id: string;
  access: LinkAccess;
  audience: LinkAudience;
  password_hash: string | null;
  expires: string | null;
  allow_download: number;
}

const fromRow = (row: LinkRow): SharedLink => ({
  seq: row.seq,
  id: row.id,
  itemId: row.item_id,
  access: row.access,
  audience: row.audience,
  passwordHash: row.password_hash,
  expires: row.expires,
  allowDownload: row.allow_download === 1,
});

export function hashLinkPassword(password: string): string {
  const salt = randomBytes(16);
  return `${salt.toString('hex')}:${scryptSync(password, salt, 32).toString('hex')}`;
}

export function linkPasswordMatches(link: LinkSettings, password: string): boolean {
  if (!link.passwordHash) return true;
  const [salt = '', hash = ''] = link.passwordHash.split(':');
  const expected = Buffer.from(hash, 'hex');
  const actual = scryptSync(password, Buffer.from(salt, 'hex'), expected.length);
  return timingSafeEqual(actual, expected);
}

/** Shared links as stored; the rules about who may create or see which link live in the routes. */
export class LinkStore {
  constructor(private readonly db: Sqlite) {}

  byId(id: string): SharedLink | undefined {
    const row = this.db.get<LinkRow>('SELECT * FROM shared_links WHERE id = ?', [id]);
    return row && fromRow(row);
  }

  forItem(itemId: string, access?: LinkAccess): SharedLink[] {
    const rows = access
      ? this.db.all<LinkRow>('SELECT * FROM shared_links WHERE item_id = ? AND access = ?', [itemId, access])
      : this.db.all<LinkRow>('SELECT * FROM shared_links WHERE item_id = ? ORDER BY seq', [itemId]);
    return rows.map(fromRow);
  }

  /**
   * Links in creation order after `afterSeq` that still work at `now` (a DropboxTimestamp): not expired,
   * and their item not deleted. For paging through all of them.
   */
  pageOfLive(afterSeq: number, limit: number, now: string): SharedLink[] {
    const rows = this.db.all<LinkRow>(
      `SELECT * FROM shared_links
       WHERE seq > ? AND (expires IS NULL OR expires > ?)
         AND EXISTS (SELECT 1 FROM entries WHERE entries.id = shared_links.item_id AND kind != 'deleted')
       ORDER BY seq LIMIT ?`,
      [afterSeq, now, limit],
    );
    return rows.map(fromRow);
  }

  create(itemId: string, access: LinkAccess, settings: LinkSettings): SharedLink {
    const id = randomToken(22);
    this.db.run(
      'INSERT INTO shared_links (id, item_id, access, audience, password_hash, expires, allow_download) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [
        id,
        itemId,
        access,
        settings.audience,
        settings.passwordHash,
        settings.expires,
        settings.allowDownload ? 1 : 0,
      ],
    );
    return this.byId(id) as SharedLink;
  }

  update(id: string, settings: LinkSettings): SharedLink {
    this.db.run(
      'UPDATE shared_links SET audience = ?, password_hash = ?, expires = ?, allow_download = ? WHERE id = ?',
      [settings.audience, settings.passwordHash, settings.expires, settings.allowDownload ? 1 : 0, id],
    );
    return this.byId(id) as SharedLink;
  }

  remove(id: string): boolean {
    return this.db.run('DELETE FROM shared_links WHERE id = ?', [id]) > 0;
  }
}
