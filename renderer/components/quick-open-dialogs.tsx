import type { OpusApi } from '../opus.ts';
import type { WorkspaceDialog } from '../state/workspace-dialog.ts';
import { DropboxFinder } from './dropbox-finder.tsx';

interface QuickOpenDialogsProps {
  opus: OpusApi;
  dialog: WorkspaceDialog | null;
  onOpen(path: string): void;
  onClose(): void;
}

/** The page's top 50: more than fit, few enough to send at every key. */
const LIMIT = 50;
/** A search on Dropbox per pause in the typing, not per key. */
const FIND_DELAY_MS = 300;
const MATCHED_ON = { name: 'name', content: 'in the text', both: 'name and text' } as const;

/** Quick Open (Ctrl/Cmd+P) and Find in Dropbox (Ctrl/Cmd+Shift+F), when the workspace shows one. */
export function QuickOpenDialogs({ opus, dialog, onOpen, onClose }: QuickOpenDialogsProps) {
  if (dialog?.kind === 'quickOpen')
    return (
      <DropboxFinder
        label="Quick Open"
        placeholder="Type part of a file's name"
        delayMs={0}
        find={async (query) => {
          const answer = await opus.quickOpen({ query, limit: LIMIT });
          return {
            items: answer.matches.map((match) => ({
              path: match.path,
              name: match.name,
              ...(match.recent ? { hint: 'recent' } : {}),
            })),
            provisional: answer.source === 'search',
          };
        }}
        emptyWords={(query) => `No file in Dropbox matches “${query}”.`}
        onOpen={onOpen}
        onClose={onClose}
      />
    );
  if (dialog?.kind === 'findInDropbox')
    return (
      <DropboxFinder
        label="Find in Dropbox"
        placeholder="Words in a file's name or text"
        delayMs={FIND_DELAY_MS}
        find={async (query) => ({
          items:
            query.trim() === ''
              ? []
              : (await opus.findInDropbox({ query })).matches.map((match) => ({
                  path: match.path,
                  name: match.name,
                  hint: MATCHED_ON[match.matchedOn],
                })),
        })}
        emptyWords={(query) =>
          `Nothing in Dropbox holds “${query}”. Dropbox searches the text of files only on plans that include it.`
        }
        onOpen={onOpen}
        onClose={onClose}
      />
    );
  return null;
}
