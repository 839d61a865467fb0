import { lookupLive } from '../files/lookup.ts';
import { RouteError, tag } from '../http/errors.ts';
import {
  CreateSharedLinkWithSettingsArg,
  GetSharedLinkMetadataArg,
  ModifySharedLinkSettingsArgs,
  RevokeSharedLinkArg,
  type SharedLinkSettings,
} from '../schemas/sharing-args.ts';
import { apiRoute, type Download } from '../server/route.ts';
import type { Services } from '../server/services.ts';
import { type LinkSettings, LinkStore, linkPasswordMatches, type SharedLink } from '../store/links.ts';
import { type EntryRow, isLive } from '../store/tree.ts';
import {
  findLink,
  isExpired,
  linkError,
  linkIdOf,
  linkMetadata,
  reachThrough,
  requestOrigin,
} from './sharing-link-metadata.ts';
import {
  applySettings,
  DEFAULT_LINK_SETTINGS,
  isEmpty,
  requestedAccess,
  settingsError,
} from './sharing-settings.ts';

/** Whether an existing link already is what the request asks for, so Dropbox hands back its metadata. */
function matches(link: SharedLink, wanted: LinkSettings, requested: SharedLinkSettings | undefined): boolean {
  if (!requested) return true;
  const password = requested.link_password;
  return (
    link.audience === wanted.audience &&
    link.expires === wanted.expires &&
    link.allowDownload === wanted.allowDownload &&
    (link.passwordHash === null) === (wanted.passwordHash === null) &&
    (password === undefined || linkPasswordMatches(link, password))
  );
}

function createLink(services: Services, origin: string, item: EntryRow, requested?: SharedLinkSettings) {
  if (requested && isEmpty(requested)) throw settingsError('invalid_settings');
  const wanted = requested ? applySettings(DEFAULT_LINK_SETTINGS, requested) : DEFAULT_LINK_SETTINGS;
  const access = requestedAccess(requested);
  const store = new LinkStore(services.db);
  const existing = store.forItem(item.id as string, access)[0];
  if (existing && !isExpired(existing)) {
    const metadata = linkMetadata(origin, { link: existing, item });
    // Dropbox leaves the metadata out when the request asked for settings the existing link lacks.
    const value = matches(existing, wanted, requested)
      ? { shared_link_already_exists: tag('metadata', { metadata }) }
      : {};
    throw new RouteError(tag('shared_link_already_exists', value));
  }
  // An expired link is dead: sharing the item again makes a new one in its place.
  if (existing) store.remove(existing.id);
  const link = store.create(item.id as string, access, wanted);
  return linkMetadata(origin, { link, item });
}

export const sharingLinkRoutes = [
  apiRoute({
    name: 'sharing/create_shared_link_with_settings',
    style: 'rpc',
    auth: 'user',
    scope: 'sharing.write',
    arg: CreateSharedLinkWithSettingsArg,
    handle: ({ arg, services, req }) =>
      services.db.transaction(() =>
        createLink(services, requestOrigin(req), lookupLive(services, arg.path, 'path'), arg.settings),
      ),
  }),
  apiRoute({
    name: 'sharing/get_shared_link_metadata',
    style: 'rpc',
    auth: 'app_or_user',
    scope: 'sharing.read',
    arg: GetSharedLinkMetadataArg,
    handle: ({ arg, services, req }) => {
      const found = findLink(services, arg.url);
      const reached = reachThrough(services, found, arg.path, arg.link_password);
      return linkMetadata(requestOrigin(req), found, reached);
    },
  }),
  apiRoute({
    name: 'sharing/get_shared_link_file',
    style: 'download',
    auth: 'app_or_user',
    scope: 'sharing.read',
    arg: GetSharedLinkMetadataArg,
    handle: ({ arg, services, req }): Download => {
      const found = findLink(services, arg.url);
      const reached = reachThrough(services, found, arg.path, arg.link_password);
      if (reached.kind !== 'file') throw linkError('shared_link_is_directory');
      if (!found.link.allowDownload) throw linkError('shared_link_access_denied');
      return {
        result: linkMetadata(requestOrigin(req), found, reached),
        file: services.blobs.pathOf(reached.content_hash as string),
        size: reached.size as number,
        etag: reached.rev as string,
      };
    },
  }),
  apiRoute({
    name: 'sharing/modify_shared_link_settings',
    style: 'rpc',
    auth: 'user',
    scope: 'sharing.write',
    arg: ModifySharedLinkSettingsArgs,
    handle: ({ arg, services, req }) =>
      services.db.transaction(() => {
        const { link, item } = findLink(services, arg.url);
        const { settings } = arg;
        if (isEmpty(settings) && !arg.remove_expiration) throw settingsError('invalid_settings');
        if (arg.remove_expiration && settings.expires !== undefined) throw settingsError('invalid_settings');
        // "Modifying access level for an existing link is not supported" (sharing.stone).
        if (settings.access && requestedAccess(settings) !== link.access)
          throw settingsError('invalid_settings');
        const next = applySettings(link, settings);
        if (arg.remove_expiration) next.expires = null;
        const updated = new LinkStore(services.db).update(link.id, next);
        return linkMetadata(requestOrigin(req), { link: updated, item });
      }),
  }),
  apiRoute({
    name: 'sharing/revoke_shared_link',
    style: 'rpc',
    auth: 'user',
    scope: 'sharing.write',
    arg: RevokeSharedLinkArg,
    handle: ({ arg, services }) => {
      const id = linkIdOf(arg.url);
      if (id === null) throw linkError('shared_link_malformed');
      const store = new LinkStore(services.db);
      const link = store.byId(id);
      // An expired link can still be revoked: it is the owner's way to clear it away.
      if (!link || !isLive(services.tree.entryById(link.itemId))) throw linkError('shared_link_not_found');
      services.db.transaction(() => store.remove(id));
      return null;
    },
  }),
];
