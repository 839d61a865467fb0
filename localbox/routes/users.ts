import { apiRoute } from '../server/route.ts';
import type { Services } from '../server/services.ts';

function fullAccount(services: Services) {
  const { givenName, surname, email } = services.config.account;
  const display = `${givenName} ${surname}`.trim();
  const initials = `${givenName.charAt(0)}${surname.charAt(0)}`.toUpperCase();
  const { accountId, namespaceId } = services.identity;
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
    root_info: { '.tag': 'user', root_namespace_id: namespaceId, home_namespace_id: namespaceId },
  };
}

export const usersRoutes = [
  apiRoute({
    name: 'users/get_current_account',
    style: 'rpc',
    auth: 'user',
    arg: null,
    handle: ({ services }) => fullAccount(services),
  }),
  apiRoute({
    name: 'users/get_space_usage',
    style: 'rpc',
    auth: 'user',
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
    arg: null,
    handle: ({ services, caller }) => {
      if (caller) services.tokens.revokeFamilyOf(caller.accessToken);
      return null;
    },
  }),
];
