import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { type EarlyCalls, linkedAtStart, takeEarlyCalls } from '../early-calls.ts';
import { languageForPath } from '../editor/language-for-path.ts';
import type { Account, OpusApi } from '../opus.ts';
import { useConnection } from '../state/use-connection.ts';
import { useDeepLink } from '../state/use-deep-link.ts';
import { useDocuments } from '../state/use-documents.ts';
import { useRestore } from '../state/use-restore.ts';
import { useShortcuts } from '../state/use-shortcuts.ts';
import { useTransfers } from '../state/use-transfers.ts';
import { useWindowTitle } from '../state/use-window-title.ts';
import { useWorkspace } from '../state/use-workspace.ts';
import { type EditorHandle, EditorPane } from './editor-pane.tsx';
import { NoticeBar } from './notice-bar.tsx';
import { RemoteBanner } from './remote-banner.tsx';
import { StatusBar } from './status-bar.tsx';
import { TabBar } from './tab-bar.tsx';
import { Toolbar } from './toolbar.tsx';
import { Welcome } from './welcome.tsx';
import { WorkspaceDialogs } from './workspace-dialogs.tsx';

interface WorkspaceProps {
  opus: OpusApi;
  /** The calls the page made as it started (renderer/early-calls.ts); the first workspace takes them. */
  early: EarlyCalls | null;
  account: Account | null;
  nativeDialogs: boolean;
}

/** Signed in: the toolbar, the tabs, the editor and the status bar, and the dialogs they open. */
export function Workspace({ opus, early: calls, account, nativeDialogs }: WorkspaceProps) {
  // A ref, not a state initializer: React may run initializers twice, and the calls are taken once.
  const start = useRef<{ early: EarlyCalls | null } | null>(null);
  start.current ??= { early: takeEarlyCalls(calls) };
  const { early } = start.current;
  const editor = useRef<EditorHandle | null>(null);
  const getText = useCallback((documentId: string) => editor.current?.getText(documentId) ?? null, []);
  const onReady = useCallback((handle: EditorHandle | null) => {
    editor.current = handle;
  }, []);
  const [first] = useState(() => linkedAtStart(early));
  const docs = useDocuments(opus, first);
  const ws = useWorkspace(opus, docs, getText, nativeDialogs);
  const connection = useConnection(opus);
  const transfers = useTransfers(opus);
  const active = docs.active;
  const activeId = active?.snapshot.documentId ?? null;
  const accountName = account?.displayName ?? 'Signed in';

  // A restored document whose Dropbox copy moved: its conflict prompt opens once its tab has a model.
  const [conflictOnOpen, setConflictOnOpen] = useState<string | null>(null);
  const restoring = useRestore(
    opus,
    { openRestored: docs.openRestored, setNotice: ws.setNotice, startConflict: setConflictOnOpen },
    early?.restored,
  );
  useEffect(() => {
    if (!conflictOnOpen || !docs.state.docs.some((doc) => doc.snapshot.documentId === conflictOnOpen)) return;
    setConflictOnOpen(null);
    docs.activate(conflictOnOpen);
    void ws.save(conflictOnOpen);
  }, [conflictOnOpen, docs, ws]);

  const linkOpening = useDeepLink(ws.openPath, early?.linked ?? null, restoring);
  useShortcuts(ws.run);
  useEffect(() => opus.onMenuCommand(({ command }) => ws.run(command)), [opus, ws.run]);
  useWindowTitle(active);
  useEffect(() => {
    // Unsaved tabs: the browser (or Electron's will-prevent-unload) asks before the window goes.
    if (!docs.state.docs.some((doc) => doc.dirty)) return;
    const ask = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [docs.state.docs]);

  const editorDocs = useMemo(
    () =>
      docs.state.docs.map((doc) => ({ snapshot: doc.snapshot, language: languageForPath(doc.remote.path) })),
    [docs.state.docs],
  );
  const language = active ? languageForPath(active.remote.path) : 'plaintext';

  return (
    <div className="workspace">
      <Toolbar accountName={accountName} hasDocument={!!active} online={connection.online} onRun={ws.run} />
      <TabBar
        docs={docs.state.docs}
        activeId={activeId}
        onActivate={docs.activate}
        onClose={ws.requestClose}
      />
      {ws.notice && <NoticeBar notice={ws.notice} onDismiss={() => ws.setNotice(null)} />}
      {active?.remoteChange && activeId && (
        <RemoteBanner
          change={active.remoteChange}
          onMerge={() => ws.fromBanner(activeId, 'merge')}
          onCompare={() => ws.fromBanner(activeId, 'compare')}
          onLater={() => docs.dismissRemote(activeId)}
          onRecreate={() => void ws.save(activeId)}
          onClose={() => void docs.close(activeId)}
        />
      )}
      <main className="editor-area">
        {activeId || linkOpening ? (
          // While a linked document is on its way the editor is made ready, empty, for it to show in.
          <EditorPane documents={editorDocs} activeId={activeId ?? ''} loop={docs.loop} onReady={onReady} />
        ) : (
          <Welcome
            opus={opus}
            onOpen={() => ws.run('open')}
            onUpload={() => ws.run('uploadLocalFile')}
            onOpenPath={(path) => void ws.openPath(path)}
          />
        )}
      </main>
      <StatusBar
        accountName={accountName}
        document={active}
        language={language}
        online={connection.online}
        pending={activeId ? connection.isPending(activeId) : false}
        transfer={activeId ? transfers.transferFor(activeId) : null}
        opening={docs.opening}
      />
      <WorkspaceDialogs
        opus={opus}
        ws={ws}
        docs={docs}
        getText={getText}
        nativeDialogs={nativeDialogs}
        language={language}
      />
    </div>
  );
}
