// The page's start-up, in order. main.tsx imports this module before anything else, so (a) goes out
// while Monaco and React still evaluate.
//
//   (a) ask the core at once: getAccount · getAppInfo · getRestoredDocuments · openDocument(?open=)
//    │    Monaco and React evaluate meanwhile (about 300 ms of the 3 MB bundle)
//   (b) first render once those are answered, or 150 ms after the bundle has run
//    ├── signed out ──> sign-in screen ──(signs in)──┐
//    └── signed in ───> workspace <──────────────────┘  the linked document already in its tab
//                        │                              when nothing was restored
//   (c)                  ├─ restored documents: tabs with their unsaved text; a moved one goes
//                        │  straight to the conflict prompt; the restore notice
//   (d)                  └─ only then the linked document, the usual way: a journaled one is its
//                           restored tab, never a second copy
//   (e) a workspace shown again in the same page (signed out, then in) asks afresh
//   (f) a call answered `signed_out` at start is asked again once signed in
//
// The core's side is Restoration in electron/core/wiring/restoration.ts: it restores the journal once per
// account before any open, and gives each restored document to the first window that asks for it.
// Why each step is as it is, measured with `npm run bench`'s editor-ready figure: `git log --
// renderer/start-up renderer/early-calls.ts renderer/state/linked-open.ts renderer/state/use-restore.ts`.
import {
  type CommandResponse,
  type DocumentSnapshot,
  describeError,
  type OpusApi,
  opus,
  type RestoredDocument,
} from '../opus.ts';
import type { HandOver } from '../state/kept-text-handover.ts';
import type { KeptText } from '../state/kept-texts.ts';
import type { Notice } from '../state/workspace-dialog.ts';
import { answerOnceSignedIn, type EarlyAnswer, earlyAnswer } from './early-answer.ts';
import { restoredNotice } from './restored-notice.ts';

/** (a) The page's start, begun as this module evaluates. Null outside Opus (a page without the bridge). */
export const pageStart: PageStart | null = opus ? startPage(opus, window.location.search) : null;

/** One page's start, in order; each step is defined below. */
export function startPage(opus: OpusApi, search: string): PageStart {
  const calls = askAtOnce(opus, search); // (a)
  let taken = false;
  return {
    account: calls.account,
    appInfo: calls.appInfo,
    firstScreen: (limitMs = 150) => answeredOrAfter(calls, limitMs), // (b)
    forWorkspace: () => {
      if (taken) return askedAfresh(opus); // (e)
      taken = true;
      return startAnswers(opus, calls); // (b)'s first tab; (f)
    },
  };
}

/** What a workspace does with its start once it is shown: (c), then (d). */
export async function openStartDocuments(
  start: WorkspaceStart,
  linkPath: string | null,
  to: StartTargets,
): Promise<void> {
  // Taken now, so a link asked signed out is asked again beside the restore, not after it (f).
  const linked = linkPath === null ? undefined : start.linkedAnswer(linkPath);
  // openPath shows its failure; until it takes the answer, it must not count as unhandled.
  linked?.catch(() => undefined);
  await reopenRestored(start, to); // (c)
  if (linkPath !== null) await to.openPath(linkPath, linked); // (d)
}

type Restored = CommandResponse<'getRestoredDocuments'>;

export interface PageStart {
  account: EarlyAnswer<CommandResponse<'getAccount'>>;
  appInfo: EarlyAnswer<CommandResponse<'getAppInfo'>>;
  /** Resolves when the first screen may render (b); called once the bundle has run. */
  firstScreen(limitMs?: number): Promise<void>;
  /** The start's answers for the page's first workspace; fresh calls for any later one (e). */
  forWorkspace(): WorkspaceStart;
}

/** A workspace's part of the start. */
export interface WorkspaceStart {
  /** The linked document for the first render's tab: answered already, and nothing restored (b). */
  first: DocumentSnapshot | undefined;
  /** The documents the core recovered from its journal (c). */
  restored(): Promise<Restored>;
  /** Whether they were asked for once someone signed in in this page: kept since a sign-out, not a crash. */
  restoredAfterSignIn(): boolean;
  /** The core's answer for `path`, when the page asked for it as it started (d). */
  linkedAnswer(path: string): Promise<DocumentSnapshot> | undefined;
}

/** Where (c) and (d) land: the workspace's tabs, notice, conflict prompt and open. */
export interface StartTargets {
  /** Resolves with the kept texts now in tabs, and those that found none. */
  openRestored(restored: readonly RestoredDocument[], kept: readonly KeptText[]): Promise<HandOver>;
  /** What the page kept while the browser host's helper was gone (renderer/state/kept-texts.ts). */
  keptTexts(): Promise<KeptText[]>;
  setNotice(notice: Notice | null): void;
  /** The conflict prompt for a restored document whose Dropbox copy moved while Opus was down. */
  startConflict(documentId: string): void;
  openPath(path: string, answer?: Promise<DocumentSnapshot>): Promise<void>;
}

/** The Dropbox path a page address asks to open (`?open=/Notes/todo.md`), or null when it asks none. */
export function deepLinkPath(search: string): string | null {
  const path = new URLSearchParams(search).get('open');
  // Only absolute Dropbox paths: anything else (an id, a URL, an empty value) is not a document.
  return path?.startsWith('/') ? path : null;
}

interface StartCalls {
  account: EarlyAnswer<CommandResponse<'getAccount'>>;
  appInfo: EarlyAnswer<CommandResponse<'getAppInfo'>>;
  restored: EarlyAnswer<Restored>;
  /** The document the page address links to, if it names one. */
  linked: { path: string; answer: EarlyAnswer<DocumentSnapshot> } | null;
}

/**
 * (a) Every call the first screen needs, made before the rest of the bundle evaluates, so the core
 * answers (and downloads and decodes a linked file) meanwhile. Asking for the linked document at once
 * is safe: the core finishes restoring its journal before any open, so a journaled document comes
 * back as the restored one.
 */
function askAtOnce(opus: OpusApi, search: string): StartCalls {
  const path = deepLinkPath(search);
  return {
    account: earlyAnswer(opus.getAccount()),
    appInfo: earlyAnswer(opus.getAppInfo()),
    restored: earlyAnswer(opus.getRestoredDocuments()),
    linked: path === null ? null : { path, answer: earlyAnswer(opus.openDocument({ path })) },
  };
}

/**
 * (b) Resolves once the answers the first screen needs are in, or after `limitMs`: the first render is
 * then the workspace, with the linked document in its tab, or the sign-in screen, not "Starting Opus…"
 * and an empty editor for a frame each. They are usually in by the time the bundle has evaluated; a
 * slow answer is waited for as before.
 */
function answeredOrAfter(calls: StartCalls, limitMs: number): Promise<void> {
  const answered = Promise.allSettled([
    calls.account.promise,
    calls.appInfo.promise,
    calls.restored.promise,
    calls.linked?.answer.promise,
  ]);
  const limit = new Promise((resolve) => setTimeout(resolve, limitMs));
  return Promise.race([answered, limit]).then(() => undefined);
}

/** The first workspace's start: the page's own answers, each asked again if it found nobody signed in (f). */
function startAnswers(opus: OpusApi, calls: StartCalls): WorkspaceStart {
  const { linked } = calls;
  return {
    // Restored tabs open first (c), so with any of them the link takes the usual way (d).
    first: calls.restored.value()?.length === 0 ? linked?.answer.value() : undefined,
    restored: () => answerOnceSignedIn(calls.restored, () => opus.getRestoredDocuments()),
    // No early answer: the page started signed out and asked again once signed in (f).
    restoredAfterSignIn: () => calls.restored.value() === undefined,
    linkedAnswer: (path) =>
      linked?.path === path
        ? answerOnceSignedIn(linked.answer, () => opus.openDocument({ path }))
        : undefined,
  };
}

/**
 * (e) A workspace shown again later in the page asks afresh: the start's answers describe the page's
 * start, and their documents were closed with the sign-out.
 */
export function askedAfresh(opus: OpusApi): WorkspaceStart {
  return {
    first: undefined,
    restored: () => opus.getRestoredDocuments(),
    restoredAfterSignIn: () => true,
    linkedAnswer: () => undefined,
  };
}

/**
 * (c) The journal's documents reopen as tabs with their unsaved text, and where Dropbox moved
 * meanwhile, the conflict prompt opens straight away. A failure is a notice; the link still opens.
 */
async function reopenRestored(start: WorkspaceStart, to: StartTargets): Promise<void> {
  try {
    const [restored, kept] = await Promise.all([start.restored(), to.keptTexts()]);
    if (restored.length === 0 && kept.length === 0) return;
    const { carried, left } = await to.openRestored(restored, kept);
    const afterSignIn = start.restoredAfterSignIn();
    const stillKept = left.map((entry) => entry.path);
    to.setNotice(restoredNotice(restored, { carried, left: stillKept, afterSignIn }));
    const moved =
      restored.find((entry) => entry.remoteMoved)?.snapshot.documentId ??
      carried.find((entry) => entry.remoteMoved)?.documentId;
    if (moved) to.startConflict(moved);
  } catch (error) {
    to.setNotice({ tone: 'error', message: describeError(error) });
  }
}
