/**
 * The pages a user sees in the browser during sign-in. Each is one self-contained document: the CSP
 * that sendHtml sets allows inline styles and nothing else, so no scripts, fonts or images are fetched.
 * Every value that came from a request goes through `escapeHtml`. The referrer policy is same-origin,
 * not no-referrer: under no-referrer a browser posts the form with `Origin: null`, and the consent POST
 * is accepted only with our own Origin; nothing is ever sent to another origin either way.
 */

import { isScope, PERMISSIONS, scopeList } from './scopes.ts';

/** The app asking: its registered name when localbox was given one (`--app-name`), and its key. */
export interface AppIdentity {
  name: string | undefined;
  key: string;
}

/** How sentences name the app: by its name, or else by its key. */
export const appLabel = (app: AppIdentity) => app.name ?? `the app with key ${app.key}`;

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export interface ConsentView {
  app: AppIdentity;
  account: { displayName: string; email: string };
  requestId: string;
  /** The one-time token that proves a POST came from this very page (see OAuthFlow.begin). */
  formToken: string;
  /** Space-separated scopes the token will carry. */
  scope: string;
  /** Where Allow sends the browser; absent when the user will copy a code instead. */
  redirectUri: string | undefined;
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;min-height:100vh;display:flex;flex-direction:column;align-items:center;justify-content:center;
  background:#f7f5f2;color:#1e1919;font:15px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}
.brand{display:flex;align-items:center;gap:8px;margin-bottom:20px;font-weight:600;font-size:17px;color:#0061fe}
.card{width:100%;max-width:440px;background:#fff;border:1px solid #e6e2dd;border-radius:12px;
  box-shadow:0 8px 24px rgba(30,25,25,.08);padding:32px}
.apps{display:flex;align-items:center;justify-content:center;gap:12px;margin-bottom:20px}
.tile{width:52px;height:52px;border-radius:12px;display:flex;align-items:center;justify-content:center;
  font-size:22px;font-weight:600;color:#fff;background:#3d2b8f}
.tile.box{background:#0061fe}
.dots{color:#b4ada6;letter-spacing:3px}
h1{font-size:20px;line-height:1.35;font-weight:600;margin:0 0 16px;text-align:center;overflow-wrap:anywhere}
.account{display:flex;align-items:center;gap:12px;padding:12px 14px;border:1px solid #e6e2dd;border-radius:8px;margin-bottom:20px}
.avatar{width:36px;height:36px;border-radius:50%;background:#e5efff;color:#0050d8;font-weight:600;
  display:flex;align-items:center;justify-content:center;flex:none}
.who{min-width:0}.who b{display:block;font-weight:600}.who span{color:#6a625b;font-size:13px;overflow-wrap:anywhere}
h2,.label{display:block;font-size:13px;text-transform:uppercase;letter-spacing:.04em;color:#6a625b;margin:0 0 8px;font-weight:600}
ul{margin:0 0 20px;padding:0;list-style:none}
li{padding:6px 0 6px 26px;position:relative}
li:before{content:"";position:absolute;left:4px;top:12px;width:10px;height:6px;border-left:2px solid #0061fe;
  border-bottom:2px solid #0061fe;transform:rotate(-45deg)}
.note{font-size:13px;color:#6a625b;margin:0 0 24px;overflow-wrap:anywhere}
.actions{display:flex;gap:12px;justify-content:flex-end}
button{font:inherit;font-weight:600;padding:10px 22px;border-radius:8px;cursor:pointer;border:1px solid transparent}
#deny{background:#fff;border-color:#c9c2bb;color:#1e1919}#deny:hover{background:#f7f5f2}
#allow{background:#0061fe;color:#fff}#allow:hover{background:#0057e5}
button:focus-visible{outline:3px solid #9cc1ff;outline-offset:2px}
input#code{width:100%;font:13px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;padding:12px;
  border:1px solid #c9c2bb;border-radius:8px;background:#f7f5f2;margin:4px 0 16px}
p{margin:0 0 16px}
.error h1{color:#9b0032}
footer{margin-top:20px;font-size:12px;color:#6b645d}
`;

// localbox's own mark (an open box), not Dropbox's: a page that signs people in must not pass for Dropbox.
const LOGO = `<svg width="24" height="24" viewBox="0 0 24 24" fill="none" stroke="#0061fe" stroke-width="2"
 stroke-linejoin="round" aria-hidden="true"><path d="M12 2 3 6.5v11L12 22l9-4.5v-11z"/><path d="m3 6.5 9 4.5 9-4.5M12 11v11"/></svg>`;

function page(title: string, body: string, className = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<div class="brand">${LOGO}<span>localbox</span></div>
<main class="${className ? `card ${className}` : 'card'}">
${body}
</main>
<footer>localbox serves this computer only. Nothing leaves it.</footer>
</body>
</html>
`;
}

const initial = (text: string) => escapeHtml((text.trim().charAt(0) || '?').toUpperCase());

/** Listed in PERMISSIONS order (reading before writing), whatever order the scope string has. */
function permissionList(scope: string): string {
  const granted = new Set(scopeList(scope));
  const known = Object.keys(PERMISSIONS).filter((name) => granted.has(name));
  const unknown = [...granted].filter((name) => !isScope(name));
  const items = [...known, ...unknown].map(
    (name) => `<li>${escapeHtml(isScope(name) ? PERMISSIONS[name] : name)}</li>`,
  );
  return `<ul>${items.join('')}</ul>`;
}

function destinationNote(redirectUri: string | undefined): string {
  if (!redirectUri) return 'After you allow access, you will get a code to paste into the app.';
  let where = redirectUri;
  try {
    where = new URL(redirectUri).host;
  } catch {
    // Validated before we got here; show the whole URI rather than fail.
  }
  return `After you choose, you will be sent back to ${escapeHtml(where)}.`;
}

export function consentPage(view: ConsentView): string {
  const { app, account } = view;
  const label = escapeHtml(appLabel(app));
  const initials = account.displayName
    .split(/\s+/)
    .map((part) => part.charAt(0))
    .join('')
    .slice(0, 2)
    .toUpperCase();
  return page(
    `Allow ${app.name ?? 'this app'} to access localbox?`,
    `<div class="apps"><div class="tile">${app.name ? initial(app.name) : '?'}</div><span class="dots">•••</span>
<div class="tile box">${LOGO.replace('stroke="#0061fe"', 'stroke="#fff"')}</div></div>
<h1>${capitalized(label)} would like to access the files and folders in your localbox</h1>
<div class="account"><div class="avatar">${escapeHtml(initials || '?')}</div>
<div class="who"><b>${escapeHtml(account.displayName)}</b><span>${escapeHtml(account.email)}</span></div></div>
<h2>This app will be able to</h2>
${permissionList(view.scope)}
<p class="note">${destinationNote(view.redirectUri)}</p>
<form id="consent" method="post" action="/oauth2/authorize">
<input type="hidden" name="request_id" value="${escapeHtml(view.requestId)}">
<input type="hidden" name="form_token" value="${escapeHtml(view.formToken)}">
<div class="actions">
<button type="submit" id="deny" name="decision" value="deny">Deny</button>
<button type="submit" id="allow" name="decision" value="allow" autofocus>Allow</button>
</div>
</form>`,
  );
}

/** The no-redirect flow: the app asked without a redirect_uri, so the user carries the code by hand. */
export function codePage(app: AppIdentity, code: string): string {
  const label = escapeHtml(appLabel(app));
  return page(
    'Access code',
    `<h1>Paste this code into ${label}</h1>
<p>Enter this code into ${label} to finish connecting it to your localbox.</p>
<label for="code" class="label">Access code</label>
<input id="code" type="text" readonly value="${escapeHtml(code)}" spellcheck="false" autocomplete="off">
<p class="note">The code works once and expires in 10 minutes.</p>`,
  );
}

export function deniedPage(app: AppIdentity): string {
  return page(
    'Access denied',
    `<h1>You denied access</h1>
<p>${capitalized(escapeHtml(appLabel(app)))} was not connected to your localbox. You can close this window.</p>`,
  );
}

export function errorPage(title: string, message: string): string {
  return page(
    title,
    `<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(message)}</p>
<p class="note">Return to the app and try signing in again.</p>`,
    'error',
  );
}
