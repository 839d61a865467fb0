const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

function parsed(uri: string): URL | undefined {
  // ASCII only, no fragment (RFC 6749 §3.1.2): the URI goes out verbatim in a Location header.
  if (!/^[\x21-\x7e]+$/.test(uri) || uri.includes('#')) return undefined;
  try {
    const url = new URL(uri);
    return url.username === '' && url.password === '' && url.hostname !== '' ? url : undefined;
  } catch {
    return undefined;
  }
}

const isLoopback = (url: URL) => url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);

/**
 * Where we may send a browser carrying a code: https anywhere, plain http only back to this computer
 * on an explicit port (as Dropbox allows). No user info, and no fragment.
 */
export function isAcceptableRedirectUri(uri: string): boolean {
  const url = parsed(uri);
  if (!url) return false;
  if (url.protocol === 'https:') return true;
  return isLoopback(url) && /^http:\/\/(127\.0\.0\.1|localhost|\[::1\]):\d{1,5}([/?]|$)/i.test(uri);
}

/** What an app may register: the same as above, but a loopback registration needs no port. */
export function isRegistrableRedirectUri(uri: string): boolean {
  const url = parsed(uri);
  return url !== undefined && (url.protocol === 'https:' || isLoopback(url));
}

/** The path and query exactly as written, after the authority. */
const rest = (uri: string) => /^[a-z]+:\/\/[^/?]*(.*)$/i.exec(uri)?.[1] ?? '';

/**
 * Whether a requested redirect URI is one the app registered. https ones must match exactly, as Dropbox
 * matches them. A loopback one matches on any port (RFC 8252 §7.3: the app cannot know in advance which
 * port will be free), on its path and query, or on any path when it was registered with none.
 */
export function isRegisteredRedirectUri(uri: string, registered: readonly string[]): boolean {
  const requested = parsed(uri);
  if (!requested) return false;
  return registered.some((entry) => {
    if (entry === uri) return true;
    const url = parsed(entry);
    if (!url || !isLoopback(url) || !isLoopback(requested) || url.hostname !== requested.hostname)
      return false;
    const path = rest(entry);
    return path === '' || path === '/' || path === rest(uri);
  });
}
