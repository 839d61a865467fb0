import { OpusError } from '../errors.ts';

/**
 * Turns a failed sign-in or sign-out call into an OpusError with words a person can act on. /oauth2/token
 * answers RFC 6749 errors as 400 `{error, error_description}`; other Dropbox routes answer 400 in plain
 * text (Dropbox's error handling guide: https://developers.dropbox.com/error-handling-guide).
 */
export async function failureOf(response: Response): Promise<OpusError> {
  const text = await response.text().catch(() => '');
  if (response.status === 429) {
    const retryAfter = Number(response.headers.get('retry-after')) || undefined;
    return new OpusError('rate_limited', 'Dropbox is busy. Please try again in a moment.', {
      retryAfter,
    });
  }
  if (response.status >= 500) {
    return new OpusError(
      'unknown',
      `Dropbox could not answer (HTTP ${response.status}). Please try again in a moment.`,
    );
  }
  const oauth = oauthErrorOf(text);
  if (response.status === 400 && oauth) return fromOAuthError(oauth.error, oauth.description);
  if (response.status === 400) {
    return new OpusError('invalid_request', `Dropbox refused the request: ${firstLine(text)}`);
  }
  return new OpusError('unknown', `Dropbox answered with HTTP ${response.status}.`);
}

function fromOAuthError(error: string, description: string | undefined): OpusError {
  const tags = `oauth/${error}`;
  // invalid_grant: the code expired, was used already, or the verifier did not match. Signing in again fixes all three.
  if (error === 'invalid_grant') {
    return new OpusError(
      'signed_out',
      'Dropbox did not accept this sign-in: the code may have expired or been used already. Please sign in again.',
      { tags },
    );
  }
  if (error === 'invalid_client') {
    return new OpusError(
      'invalid_request',
      'Dropbox does not recognise this app key. Check the Dropbox app key in Settings.',
      { tags },
    );
  }
  const why = description ? `: ${firstLine(description)}` : ` (${error})`;
  return new OpusError('invalid_request', `Dropbox refused the sign-in request${why}`, { tags });
}

function oauthErrorOf(text: string): { error: string; description: string | undefined } | undefined {
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body !== 'object' || body === null || !('error' in body)) return undefined;
    const { error } = body;
    const description = 'error_description' in body ? body.error_description : undefined;
    if (typeof error !== 'string') return undefined;
    return { error, description: typeof description === 'string' ? description : undefined };
  } catch {
    return undefined;
  }
}

const firstLine = (text: string) => (text.split('\n')[0] ?? '').slice(0, 300);

/** fetch rejects with a TypeError when the network fails, and with an AbortError when we gave up. */
export function networkFailure(error: unknown): OpusError {
  if (error instanceof OpusError) return error;
  if (error instanceof Error && error.name === 'AbortError')
    return new OpusError('signed_out', 'Sign-in was cancelled.');
  return new OpusError('offline', 'Opus could not reach Dropbox. Check your connection and try again.');
}
