import { dropboxPageUrl } from '../dropbox/dropbox-pages.ts';
import type { DropboxEndpoints } from '../dropbox/endpoints.ts';
import { gatewayError } from '../dropbox/error-mapping.ts';
import type { Gateway } from '../dropbox/gateway.ts';
import { OpusError } from '../errors.ts';
import type { Handlers } from './dispatch.ts';

export interface LinkPlace {
  endpoints: DropboxEndpoints;
  /** The system browser (Electron's shell, which allows only Dropbox's pages and localbox's). */
  openExternal(url: string): Promise<void>;
}

/** Copy Dropbox link and Show in Dropbox: the active file as others, and the user, see it in a browser. */
export function linkHandlers(
  gateway: () => Gateway,
  place: LinkPlace,
): Pick<Handlers, 'copyDropboxLink' | 'showInDropbox'> {
  return {
    copyDropboxLink: async ({ path }) => {
      // Asked first, so a folder never gets a link nobody meant to make (Dropbox would share it).
      const entry = await gateway().getMetadata(path);
      if (entry === null || entry.kind === 'deleted') throw gatewayError('not_found');
      if (entry.kind === 'folder')
        throw new OpusError('invalid_request', `${entry.name} is a folder: Opus copies links to files only.`);
      return { url: await gateway().createSharedLink(entry.path) };
    },
    showInDropbox: async ({ path }) => {
      const url = dropboxPageUrl(place.endpoints, path);
      await place.openExternal(url);
      return { url };
    },
  };
}
