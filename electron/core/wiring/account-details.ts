import type { AccountShape } from '../../common/contract/shapes.ts';
import type { Gateway } from '../dropbox/gateway.ts';

/**
 * The last details Dropbox gave, for whoever signed in: a window that starts (or reloads) shows the
 * workspace without two more requests; the Account panel asks for fresh ones. One fetch at a time, and a
 * failed one is not kept: the next call asks again.
 */
export class AccountDetails {
  private last: { accountId: string; value: Promise<AccountShape> } | null = null;
  /** The first name, for "<name>'s conflicted copy": known once details have been fetched. */
  firstName = 'Opus';

  constructor(
    private readonly gateway: () => Pick<Gateway, 'account'>,
    private readonly accountId: () => string | null,
    private readonly provider: AccountShape['provider'],
  ) {}

  get({ fresh = false } = {}): Promise<AccountShape> {
    const accountId = this.accountId() ?? '';
    if (!fresh && this.last?.accountId === accountId) return this.last.value;
    const value = this.gateway()
      .account()
      .then((info) => {
        this.firstName = info.displayName.split(' ')[0] || info.displayName;
        return { ...info, provider: this.provider };
      });
    this.last = { accountId, value };
    value.catch(() => {
      if (this.last?.value === value) this.last = null;
    });
    return value;
  }
}
