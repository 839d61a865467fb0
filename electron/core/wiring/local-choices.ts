import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import { OpusError } from '../errors.ts';

/** How long a choice made in a native dialog stays usable: long enough to finish the dialog around it. */
const LIFETIME_MS = 10 * 60 * 1000;

type Purpose = 'read' | 'write';

/**
 * The page never names a file on this computer. A native dialog in main picks one and the page gets
 * an opaque, single-use choice for it: even a compromised renderer can only read the file the person
 * chose to upload and write the file they chose to download to.
 */
export class LocalChoices {
  private readonly choices = new Map<string, { path: string; purpose: Purpose; expires: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  remember(path: string, purpose: Purpose): { choice: string; name: string } {
    for (const [id, kept] of this.choices) if (kept.expires <= this.now()) this.choices.delete(id);
    const choice = randomBytes(16).toString('base64url');
    this.choices.set(choice, { path, purpose, expires: this.now() + LIFETIME_MS });
    return { choice, name: basename(path) };
  }

  /** The path behind a choice, used up by this call. */
  take(choice: string, purpose: Purpose): string {
    const kept = this.choices.get(choice);
    this.choices.delete(choice);
    if (!kept || kept.purpose !== purpose || kept.expires <= this.now()) {
      throw new OpusError(
        'invalid_request',
        'That file on this computer is no longer chosen. Choose it again.',
      );
    }
    return kept.path;
  }
}
