// Runs in the page served by the browser host, before the renderer: defines window.opus with the same
// shape as the Electron preload, over fetch (commands, and the event stream). Bundled for browsers.
//
// The launch secret reaches this tab once, in a <meta> of the page the printed address leads to
// (guards.ts), and stays in this tab's sessionStorage so a reload keeps working. It travels only in the
// SECRET_HEADER of this page's own /api requests, never in a cookie (page-protocol.ts says why).
import type { Envelope, OpusApi } from '../common/contract/api.ts';
import { buildOpusApi, transportError, unwrap } from '../common/contract/client.ts';
import { EVENT_NAMES } from '../common/contract/names.ts';
import { SECRET_HEADER, SECRET_META, STORED_SECRET, TICKET_PARAM } from './page-protocol.ts';

/** As EventSource does after a dropped stream. */
const RECONNECT_MS = 3_000;

const HELPER_GONE =
  "Opus's helper stopped, so this could not be done. What you type is kept in this window: start Opus again (npm run web) and open the address it prints.";

/**
 * The secret this tab holds. The page answered to the printed address's ticket only hands it over: it
 * stores it and replaces itself with the address minus the ticket, where the app loads (server.ts says
 * why a replacing navigation); null there, as the app does not run in that page.
 */
function takeSecret(): string | null {
  const meta = document.querySelector<HTMLMetaElement>(`meta[name="${SECRET_META}"]`);
  try {
    if (!meta) return sessionStorage.getItem(STORED_SECRET);
    sessionStorage.setItem(STORED_SECRET, meta.content);
  } catch {
    // Storage refused (a browser setting): the tab could not keep the secret past this page.
    document.documentElement.textContent =
      'Opus needs this site to keep data for the tab: allow it in the browser, then open the address Opus printed again.';
    return null;
  }
  const address = new URL(location.href);
  address.searchParams.delete(TICKET_PARAM);
  location.replace(address);
  return null;
}

function connect(secret: string): OpusApi {
  async function call(name: string, request: unknown): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(`/api/call/${name}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [SECRET_HEADER]: secret },
        body: JSON.stringify(request),
        credentials: 'omit',
      });
    } catch {
      // The page keeps what is typed meanwhile (renderer/state/kept-texts.ts) until a restarted helper,
      // on the same address, takes it back.
      throw transportError('offline', HELPER_GONE);
    }
    // A helper started again since this tab got its secret: to the page, the same as a stopped one.
    if (response.status === 401) throw transportError('offline', HELPER_GONE);
    if (!response.ok) throw transportError('invalid_request', await response.text());
    return unwrap((await response.json()) as Envelope<unknown>);
  }

  const { api, deliver } = buildOpusApi(call);

  function deliverFrame(frame: string): void {
    let name = '';
    const data: string[] = [];
    for (const line of frame.split('\n')) {
      if (line.startsWith('event: ')) name = line.slice(7);
      else if (line.startsWith('data: ')) data.push(line.slice(6));
    }
    if (!(EVENT_NAMES as readonly string[]).includes(name)) return;
    try {
      deliver(name, JSON.parse(data.join('\n')));
    } catch (error) {
      // A listener's failure is its own, as with EventSource: reported, and the stream goes on.
      setTimeout(() => {
        throw error;
      });
    }
  }

  // Server-sent events read with fetch, because EventSource cannot send the secret's header.
  async function listen(): Promise<void> {
    for (;;) {
      try {
        const response = await fetch('/api/events', {
          headers: { [SECRET_HEADER]: secret },
          credentials: 'omit',
        });
        // As EventSource: any answer but a stream ends it for good; only a lost connection is retried.
        if (response.status !== 200 || !response.body) return;
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffered = '';
        for (let read = await reader.read(); !read.done; read = await reader.read()) {
          buffered += read.value;
          for (let end = buffered.indexOf('\n\n'); end >= 0; end = buffered.indexOf('\n\n')) {
            deliverFrame(buffered.slice(0, end));
            buffered = buffered.slice(end + 2);
          }
        }
      } catch {
        // The helper is gone for now: try again, as EventSource would.
      }
      await new Promise((resolve) => setTimeout(resolve, RECONNECT_MS));
    }
  }
  void listen();
  return api;
}

const secret = takeSecret();
// Without the secret there is no window.opus: the renderer says to open the printed address (MissingBridge).
if (secret) (window as unknown as { opus: OpusApi }).opus = connect(secret);
