import type { KeyValueStore } from '../auth/token-vault.ts';

/** How many recently opened files are remembered per account. */
const KEEP = 10;

export interface RecentFile {
  path: string;
  name: string;
  openedAt: string;
}

/**
 * The files opened lately, newest first, one list per account (Ada's recent files are never shown to
 * whoever signs in next), kept in the settings store so they outlive a restart.
 */
export class RecentFiles {
  // Updates run one after another (two opens at once must not drop one), and a list waits for them.
  private writes: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: KeyValueStore,
    /** The signed-in account's key, null when nobody is signed in. */
    private readonly account: () => string | null,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async list(): Promise<RecentFile[]> {
    await this.writes;
    return this.read();
  }

  /** Puts `file` first; a file opened again moves up instead of appearing twice. Never rejects. */
  opened(file: { path: string; name: string }): Promise<void> {
    this.writes = this.writes.then(() => this.write(file)).catch(() => {});
    return this.writes;
  }

  private async read(): Promise<RecentFile[]> {
    const key = this.key();
    if (!key) return [];
    try {
      const parsed: unknown = JSON.parse((await this.store.get(key)) ?? '[]');
      return Array.isArray(parsed) ? parsed.filter(isRecentFile).slice(0, KEEP) : [];
    } catch {
      // A damaged list is only a convenience lost: start again rather than fail the window.
      return [];
    }
  }

  private async write(file: { path: string; name: string }): Promise<void> {
    const key = this.key();
    if (!key) return;
    const rest = (await this.read()).filter((entry) => entry.path.toLowerCase() !== file.path.toLowerCase());
    const next = [{ path: file.path, name: file.name, openedAt: this.now().toISOString() }, ...rest];
    await this.store.set(key, JSON.stringify(next.slice(0, KEEP)));
  }

  private key(): string | null {
    const account = this.account();
    return account ? `recent.${account}` : null;
  }
}

function isRecentFile(value: unknown): value is RecentFile {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return (
    typeof entry.path === 'string' && typeof entry.name === 'string' && typeof entry.openedAt === 'string'
  );
}
