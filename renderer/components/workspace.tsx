import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { languageForPath } from '../editor/language-for-path.ts';
import { MarkdownPreview } from '../markdown/markdown-preview.tsx';
import type { MonacoEditor } from '../markdown/monaco-editor.ts';
import { useEditorChords, useMarkdownPreview } from '../markdown/use-markdown-preview.ts';
import type { Account, OpusApi } from '../opus.ts';
import type { PageStart } from '../start-up/start-up.ts';
import { useStartDocuments, useWorkspaceStart } from '../start-up/use-start-up.ts';
import { useAutoSave } from '../state/use-auto-save.ts';
import { useConnection } from '../state/use-connection.ts';
import { useDocuments } from '../state/use-documents.ts';
import { useFilesFromOs } from '../state/use-files-from-os.ts';
import { useRegionKeys } from '../state/use-region-keys.ts';
import { RevAccount } from '../state/use-short-revs.ts';
import { useShortcuts } from '../state/use-shortcuts.ts';
import { useTransfers } from '../state/use-transfers.ts';
import { useWindowTitle } from '../state/use-window-title.ts';
import { useWorkspace } from '../state/use-workspace.ts';
import { AutoSaveStatus } from './auto-save-status.tsx';
import { ConflictedCopies } from './conflicted-copies.tsx';
import { type EditorHandle, EditorPane } from './editor-pane.tsx';
import { NoticeBar } from './notice-bar.tsx';
import { RemoteBanner } from './remote-banner.tsx';
import { StatusBar } from './status-bar.tsx';
import { TabBar } from './tab-bar.tsx';
import { Toolbar } from './toolbar.tsx';
import { UpdateStatus } from './update-status.tsx';
import { Welcome } from './welcome.tsx';
import { WorkspaceDialogs } from './workspace-dialogs.tsx';
import { WriterStatus } from './writer-status.tsx';

interface WorkspaceProps {
  opus: OpusApi;
  /** The page's start (renderer/start-up/start-up.ts): the first workspace takes its answers. */
  pageStart: PageStart | null;
  account: Account | null;
  nativeDialogs: boolean;
}

/** Signed in: the toolbar, the tabs, the editor and the status bar, and the dialogs they open. */
export function Workspace({ opus, pageStart, account, nativeDialogs }: WorkspaceProps) {
  const start = useWorkspaceStart(opus, pageStart);
  const editor = useRef<EditorHandle | null>(null);
  const getText = useCallback((documentId: string) => editor.current?.getText(documentId) ?? null, []);
  const [editorView, setEditorView] = useState<MonacoEditor | null>(null);
  const onReady = useCallback((handle: EditorHandle | null) => {
    editor.current = handle;
    setEditorView(handle?.editor ?? null);
  }, []);
  const docs = useDocuments(opus, start.first);
  const preview = useMarkdownPreview();
  const ws = useWorkspace(opus, docs, getText, nativeDialogs, preview.toggle);
  const connection = useConnection(opus);
  const transfers = useTransfers(opus);
  const autoSave = useAutoSave(opus, docs, ws.save, connection.isPending);
  const active = docs.active;
  const activeId = active?.snapshot.documentId ?? null;
  const accountName = account?.displayName ?? 'Signed in';

  const linkOpening = useStartDocuments(start, docs, ws);
  useShortcuts(ws.run);
  useEditorChords(editorView, ws.run);
  useRegionKeys();
  useEffect(() => opus.onMenuCommand(({ command }) => ws.run(command)), [opus, ws.run]);
  useFilesFromOs(opus, ws);
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
    // Revs read by what sets them apart from the account's other revs (renderer/state/rev-knowledge.ts).
    <RevAccount.Provider value={account?.accountId ?? ''}>
      <div className="workspace">
        <Toolbar accountName={accountName} hasDocument={!!active} online={connection.online} onRun={ws.run} />
        <TabBar
          docs={docs.state.docs}
          activeId={activeId}
          onActivate={docs.activate}
          onClose={ws.requestClose}
        />
        {ws.notice && <NoticeBar notice={ws.notice} onDismiss={() => ws.setNotice(null)} />}
        <ConflictedCopies opus={opus} ws={ws} docs={docs} />
        {active?.remoteChange && activeId && (
          <RemoteBanner
            change={active.remoteChange}
            baseRev={active.remote.rev}
            onMerge={() => ws.fromBanner(activeId, 'merge')}
            onCompare={() => ws.fromBanner(activeId, 'compare')}
            onLater={() => docs.dismissRemote(activeId)}
            onRecreate={() => void ws.save(activeId)}
            onClose={() => void docs.close(activeId)}
          />
        )}
        <main className={`editor-area${activeId && preview.shown(activeId) ? ' with-preview' : ''}`}>
          {activeId || linkOpening ? (
            // While a linked document is on its way the editor is made ready, empty, for it to show in.
            <EditorPane documents={editorDocs} activeId={activeId ?? ''} loop={docs.loop} onReady={onReady} />
          ) : (
            <Welcome
              opus={opus}
              onNew={() => ws.run('newFile')}
              onOpen={() => ws.run('open')}
              onUpload={() => ws.run('uploadLocalFile')}
              onOpenPath={(path) => void ws.openPath(path)}
            />
          )}
          {active && activeId && editorView && preview.shown(activeId) && (
            <MarkdownPreview
              key={activeId}
              opus={opus}
              editor={editorView}
              path={active.remote.path}
              remoteAllowed={preview.remoteAllowed(activeId)}
              onAllowRemote={() => preview.allowRemote(activeId)}
              onOpenPath={(path) => void ws.openPath(path)}
              onClose={() => preview.toggle(activeId)}
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
        >
          {active && <WriterStatus view={editorView} />}
          <AutoSaveStatus autoSave={autoSave} onOpenSettings={() => ws.setDialog({ kind: 'settings' })} />
          <UpdateStatus opus={opus} onNotice={ws.setNotice} />
        </StatusBar>
        <WorkspaceDialogs
          opus={opus}
          ws={ws}
          docs={docs}
          getText={getText}
          nativeDialogs={nativeDialogs}
          language={language}
          account={account}
        />
      </div>
    </RevAccount.Provider>
  );
}
