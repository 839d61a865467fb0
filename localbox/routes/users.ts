import { RouteError, tag } from '../http/errors.ts';
import { GetAccountArg, GetAccountBatchArg } from '../schemas/users-args.ts';
import { rootInfo } from '../server/path-root.ts';
import { apiRoute } from '../server/route.ts';
import type { Services } from '../server/services.ts';

function fullAccount(services: Services) {
  const { givenName, surname, email } = services.config.account;
  const display = `${givenName} ${surname}`.trim();
  const initials = `${givenName.charAt(0)}${surname.charAt(0)}`.toUpperCase();
  const { accountId } = services.identity;
  return {
    account_id: accountId,
    name: {
      given_name: givenName,
      surname,
      familiar_name: givenName,
      display_name: display,
      abbreviated_name: initials,
    },
    email,
    email_verified: true,
    disabled: false,
    country: 'US',
    locale: 'en',
    referral_link: 'https://www.dropbox.com/referrals/localbox',
    is_paired: false,
    account_type: { '.tag': 'basic' },
    root_info: rootInfo(services.identity),
  };
}

/** users.BasicAccount of the one account localbox holds; it is its own teammate (users.stone). */
function basicAccount(services: Services) {
  const { account_id, name, email, email_verified, disabled } = fullAccount(services);
  return { account_id, name, email, email_verified, disabled, is_teammate: true };
}

export const usersRoutes = [
  apiRoute({
    name: 'users/get_account',
    style: 'rpc',
    auth: 'user',
    scope: 'sharing.read',
    arg: GetAccountArg,
    handle: ({ arg, services }) => {
      if (arg.account_id !== services.identity.accountId) throw new RouteError(tag('no_account'));
      return basicAccount(services);
    },
  }),
  apiRoute({
    name: 'users/get_account_batch',
    style: 'rpc',
    auth: 'user',
    scope: 'sharing.read',
    arg: GetAccountBatchArg,
    handle: ({ arg, services }) => {
      const stranger = arg.account_ids.find((id) => id !== services.identity.accountId);
      if (stranger !== undefined) throw new RouteError(tag('no_account', { no_account: stranger }));
      return arg.account_ids.map(() => basicAccount(services));
    },
  }),
  apiRoute({
    name: 'users/get_current_account',
    style: 'rpc',
    auth: 'user',
    scope: 'account_info.read',
    arg: null,
    handle: ({ services }) => fullAccount(services),
  }),
  apiRoute({
    name: 'users/get_space_usage',
    style: 'rpc',
    auth: 'user',
    scope: 'account_info.read',
    arg: null,
    handle: ({ services }) => ({
      used: services.tree.usedBytes(),
      allocation: { '.tag': 'individual', allocated: services.config.quotaBytes },
    }),
  }),
  apiRoute({
    name: 'auth/token/revoke',
    style: 'rpc',
    auth: 'user',
    scope: null,
    arg: null,
    handle: ({ services, caller }) => {
      if (caller) services.tokens.revokeFamilyOf(caller.accessToken);
      return null;
    },
  }),
];
