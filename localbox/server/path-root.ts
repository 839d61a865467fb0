import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { BadRequest, PathRootFailure } from '../http/errors.ts';
import type { AccountIdentity } from './services.ts';

/**
 * common.RootInfo of localbox's one account. A personal account's root is its home (UserRootInfo, no
 * home_path); RootInfo is a struct with subtypes, so `.tag` says which.
 */
export const rootInfo = ({ namespaceId }: AccountIdentity) => ({
  '.tag': 'user',
  root_namespace_id: namespaceId,
  home_namespace_id: namespaceId,
});

const NamespaceId = z.string().regex(/^[-_0-9a-zA-Z:]+$/);

/** common.PathRoot as Stone's JSON has it: a void member may also be the bare tag. */
const PathRoot = z.union([
  z.literal('home'),
  z.strictObject({ '.tag': z.literal('home') }),
  z.strictObject({ '.tag': z.literal('root'), root: NamespaceId }),
  z.strictObject({ '.tag': z.literal('namespace_id'), namespace_id: NamespaceId }),
]);

/**
 * `Dropbox-API-Path-Root`: paths relative to the home, the root, or a namespace. The account has one
 * namespace, so each form either names it (and changes nothing) or is refused with 422 PathRootError
 * (common.stone): a stale `root` gets `invalid_root` with the current root info, any other namespace
 * `no_permission`, as for a namespace the user cannot reach.
 */
export function checkPathRoot(req: IncomingMessage, prefix: string, identity: AccountIdentity): void {
  const header = req.headers['dropbox-api-path-root'];
  if (header === undefined) return;
  const where = `${prefix}: HTTP header "Dropbox-API-Path-Root"`;
  let json: unknown;
  try {
    json = JSON.parse(String(header));
  } catch {
    throw new BadRequest(`${where}: could not decode input as JSON`);
  }
  const parsed = PathRoot.safeParse(json);
  if (!parsed.success)
    throw new BadRequest(`${where}: ${parsed.error.issues[0]?.message ?? 'invalid input'}`);
  const root = parsed.data;
  if (root === 'home' || root['.tag'] === 'home') return;
  if (root['.tag'] === 'root') {
    if (root.root !== identity.namespaceId)
      throw new PathRootFailure({ '.tag': 'invalid_root', invalid_root: rootInfo(identity) });
    return;
  }
  if (root.namespace_id !== identity.namespaceId) throw new PathRootFailure({ '.tag': 'no_permission' });
}

/**
 * `Dropbox-API-Select-User` / `-Select-Admin` pick a team member for a team token; on a user's token
 * Dropbox refuses them with this 400 text (seen from the API; the admin one by analogy).
 */
export function refuseTeamHeaders(req: IncomingMessage, prefix: string): void {
  for (const [header, who] of [
    ['dropbox-api-select-user', 'user'],
    ['dropbox-api-select-admin', 'admin'],
  ] as const) {
    if (req.headers[header] !== undefined)
      throw new BadRequest(
        `${prefix}: Unexpected select ${who} header. Your app does not have permission to use this feature`,
      );
  }
}
