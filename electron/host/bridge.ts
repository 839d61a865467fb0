// Runs in the page served by the browser host, before the renderer: defines window.opus with the same
// shape as the Electron preload, over fetch (commands) and EventSource (events). Bundled for browsers.
import type { Envelope, OpusApi } from '../common/contract/api.ts';
import { buildOpusApi, transportError, unwrap } from '../common/contract/client.ts';
import { EVENT_NAMES } from '../common/contract/names.ts';

async function call(name: string, request: unknown): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(`/api/call/${name}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
      credentials: 'same-origin',
    });
  } catch {
    // The page keeps what is typed meanwhile (renderer/state/kept-texts.ts) until a restarted helper,
    // on the same address, takes it back.
    throw transportError(
      'offline',
      "Opus's helper stopped, so this could not be done. What you type is kept in this window: start Opus again (npm run web) and open the address it prints.",
    );
  }
  if (!response.ok) throw transportError('invalid_request', await response.text());
  return unwrap((await response.json()) as Envelope<unknown>);
}

const { api, deliver } = buildOpusApi(call);
const source = new EventSource('/api/events');
for (const name of EVENT_NAMES) {
  source.addEventListener(name, (event) => deliver(name, JSON.parse((event as MessageEvent<string>).data)));
}

(window as unknown as { opus: OpusApi }).opus = api;
