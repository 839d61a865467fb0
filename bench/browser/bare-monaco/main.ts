// The benchmark's baseline: Monaco with exactly the features Opus loads (the same module), nothing else.
// It fetches its texts with one GET each, as Opus fetches a document with one call, and shows the last.
// `?files=N` asks for texts/doc-0.txt … texts/doc-(N-1).txt (default 1): one model per text, like tabs.
import { DOCUMENT_EDITOR_OPTIONS, monaco } from '../../../renderer/editor/monaco.ts';

const count = Number(new URLSearchParams(window.location.search).get('files') ?? 1);
const texts = Promise.all(
  Array.from({ length: count }, (_, i) => fetch(`texts/doc-${i}.txt`).then((response) => response.text())),
);

const host = document.getElementById('editor') as HTMLElement;
// Exactly the options Opus's editor pane uses.
const editor = monaco.editor.create(host, { ...DOCUMENT_EDITOR_OPTIONS, model: null });

const models = (await texts).map((text) => {
  const model = monaco.editor.createModel(text, 'plaintext');
  model.setEOL(monaco.editor.EndOfLineSequence.LF);
  return model;
});
editor.setModel(models.at(-1) ?? null);
editor.focus();
