import type { Gateway } from '../dropbox/gateway.ts';
import type { QuickOpen } from '../quick-open/quick-open.ts';
import type { Handlers } from './dispatch.ts';

/** Quick Open answers the page's top 50 by default: more than a window shows, few enough to send each keystroke. */
const DEFAULT_LIMIT = 50;
/** Find in Dropbox shows one page of Dropbox's answer. */
const FIND_LIMIT = 100;

export function quickOpenHandlers(
  quickOpen: QuickOpen,
  gateway: () => Gateway,
): Pick<Handlers, 'quickOpen' | 'findInDropbox'> {
  return {
    quickOpen: ({ query, limit }) => quickOpen.find(query, limit ?? DEFAULT_LIMIT),
    findInDropbox: async ({ query }) => {
      const found = await gateway().search(query, { filenameOnly: false, maxResults: FIND_LIMIT });
      return {
        matches: found.flatMap(({ entry, matchedOn }) =>
          entry.kind === 'file' ? [{ path: entry.path, name: entry.name, matchedOn }] : [],
        ),
      };
    },
  };
}
