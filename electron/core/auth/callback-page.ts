/**
 * What the browser shows after Dropbox sends it back to Opus. Self-contained (no scripts, images or
 * fonts) so the CSP can forbid everything but inline styles, and it works with the app offline.
 */

const STYLE = `body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;
background:#f7f5f2;color:#1e1919;font:15px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,sans-serif}
main{max-width:420px;margin:24px;padding:32px;background:#fff;border:1px solid #e6e2dd;border-radius:12px;
box-shadow:0 8px 24px rgba(30,25,25,.08)}h1{font-size:20px;margin:0 0 12px}p{margin:0}
.problem h1{color:#9b0032}`;

export const CALLBACK_PAGE_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
  // The URL of this page carries the authorization code: keep it out of caches and Referer headers.
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
} as const;

function page(title: string, message: string, problem = false): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title} — Opus</title>
<style>${STYLE}</style>
</head>
<body>
<main${problem ? ' class="problem"' : ''}>
<h1>${title}</h1>
<p>${message}</p>
</main>
</body>
</html>
`;
}

/** Who the browser talked to: the page says so, since localbox's consent page looks like Dropbox's. */
export type CallbackProvider = 'dropbox' | 'localbox';

const WHERE: Record<CallbackProvider, { yours: string; who: string; about: string }> = {
  dropbox: { yours: 'your Dropbox', who: 'Dropbox', about: '' },
  localbox: {
    yours: 'localbox',
    who: 'localbox',
    about: 'localbox is the Dropbox stand-in on this computer: your files stay here. ',
  },
};

// Every page is fixed text: nothing from the request is echoed back, so there is nothing to escape.
export const signedInPage = (provider: CallbackProvider) =>
  page(
    `Opus is connecting to ${WHERE[provider].yours}`,
    `${WHERE[provider].about}You can close this tab and return to Opus.`,
  );

export const deniedPage = (provider: CallbackProvider) =>
  page(
    'Opus was not connected',
    `You chose not to give Opus access to ${WHERE[provider].yours}. You can close this tab.`,
    true,
  );

export const failedPage = (provider: CallbackProvider) =>
  page(
    'Sign-in did not finish',
    `${WHERE[provider].who} could not complete the sign-in. Close this tab and try again from Opus.`,
    true,
  );

export const wrongStatePage = () =>
  page(
    'This sign-in link is not the one Opus is waiting for',
    'It may be from an older sign-in attempt. You can close this tab, return to Opus and sign in again.',
    true,
  );

export const notFoundPage = () => page('Nothing here', 'You can close this tab and return to Opus.', true);
