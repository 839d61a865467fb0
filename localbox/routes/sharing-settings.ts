import { dropboxTimestamp } from '../domain/time.ts';
import { RouteError, tag } from '../http/errors.ts';
import type { SharedLinkSettings } from '../schemas/sharing-args.ts';
import { hashLinkPassword, type LinkAccess, type LinkSettings } from '../store/links.ts';

/**
 * Turns a request's SharedLinkSettings into what a link stores, with Dropbox's settings_error for what
 * cannot be set. localbox's account is a personal one with no team, so `team` / `team_only` are refused
 * as not_authorized; expiry and passwords are allowed, as for a paid personal account.
 */

export const DEFAULT_LINK_SETTINGS: LinkSettings = {
  audience: 'public',
  passwordHash: null,
  expires: null,
  allowDownload: true,
};

export const settingsError = (reason: 'invalid_settings' | 'not_authorized') =>
  new RouteError(tag('settings_error', { settings_error: tag(reason) }));

/** The link's access level: `max` is the owner's own (editor), `default` a view link. */
export function requestedAccess(settings: SharedLinkSettings | undefined): LinkAccess {
  const access = settings?.access?.['.tag'];
  return access === 'editor' || access === 'max' ? 'editor' : 'viewer';
}

export function isEmpty(settings: SharedLinkSettings): boolean {
  return Object.values(settings).every((value) => value === undefined);
}

/** `base` changed by what the request asks; `now` decides whether an expiry is in the past. */
export function applySettings(
  base: LinkSettings,
  requested: SharedLinkSettings,
  now = Date.now(),
): LinkSettings {
  const next = { ...base };
  const audience = requested.audience?.['.tag'];
  const visibility = requested.requested_visibility?.['.tag'];
  if (audience === 'team' || visibility === 'team_only') throw settingsError('not_authorized');
  let wantsPassword = requested.require_password;
  if (audience === 'public' || audience === 'no_one') next.audience = audience;
  // Deprecated spellings: `members` is "only members of the content", here the owner alone.
  if (audience === 'members') next.audience = 'no_one';
  if (audience === 'password' || visibility === 'password') {
    next.audience = 'public';
    wantsPassword ??= true;
  }
  if (visibility === 'public') {
    next.audience = 'public';
    wantsPassword ??= false;
  }
  if (requested.link_password !== undefined) {
    if (wantsPassword === false || requested.link_password === '') throw settingsError('invalid_settings');
    next.passwordHash = hashLinkPassword(requested.link_password);
  } else if (wantsPassword === true && !base.passwordHash) {
    throw settingsError('invalid_settings');
  } else if (wantsPassword === false) {
    next.passwordHash = null;
  }
  if (requested.expires !== undefined) {
    if (requested.expires <= dropboxTimestamp(now)) throw settingsError('invalid_settings');
    next.expires = requested.expires;
  }
  if (requested.allow_download !== undefined) next.allowDownload = requested.allow_download;
  return next;
}
