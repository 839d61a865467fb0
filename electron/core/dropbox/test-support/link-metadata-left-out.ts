/**
 * A fetch that passes every request to localbox and every answer back, except that a
 * `shared_link_already_exists` refusal loses the link's metadata on the way: what Dropbox sends when the
 * existing link's settings differ from those asked for. localbox always carries the metadata for a
 * request without settings, so this is how the gateway's other way to the link is reached.
 */
export function linkMetadataLeftOut(base: typeof fetch = fetch): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const answer = await base(input, init);
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (answer.status !== 409 || !url.endsWith('/2/sharing/create_shared_link_with_settings')) return answer;
    const body = (await answer.json()) as { error?: { '.tag'?: string } };
    const headers = new Headers(answer.headers);
    headers.delete('content-length');
    const kept = body.error?.['.tag'] === 'shared_link_already_exists';
    const error = kept ? { '.tag': 'shared_link_already_exists' } : body.error;
    return Response.json({ ...body, error }, { status: 409, headers });
  }) as typeof fetch;
}
