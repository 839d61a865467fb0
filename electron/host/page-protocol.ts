// What the browser host and its page bridge agree on. No Node here: the bridge is bundled for browsers.

/**
 * The request header that carries the launch secret on every /api call. A cookie would not do: cookies
 * are not scoped to a port, so the browser would send it to every server on 127.0.0.1 (issue 16), and a
 * page on another port could toss one of the same name. A header is sent only where the page sends it,
 * and a page on another origin cannot set it without a preflight, which the host never grants.
 */
export const SECRET_HEADER = 'X-Opus-Secret';

/** The meta element that hands the page the secret, only in the page answered to a redeemed ticket. */
export const SECRET_META = 'opus-secret';

/** The one-time ticket the 303 from the printed address carries to the page, in place of the secret. */
export const TICKET_PARAM = 'opus-ticket';

/** Where a tab keeps the secret (sessionStorage): this tab only, and only until it closes. */
export const STORED_SECRET = 'opus-launch-secret';
