// The contract's names alone, without zod, for the preload and the page bridge that must stay tiny.
// contract.test.ts proves these lists equal the keys of `commands` and `events`.

export const COMMAND_NAMES = [
  'getAppInfo',
  'getSettings',
  'setDropboxAppKey',
  'getAccount',
  'signIn',
  'startPasteCodeSignIn',
  'completePasteCodeSignIn',
  'signOut',
  'listFolder',
  'createFolder',
  'openDocument',
  'noteEdit',
  'saveDocument',
  'saveDocumentAs',
  'closeDocument',
  'mergeConflict',
  'applyMergeChoices',
  'resolveConflict',
  'getRestoredDocuments',
  'getRecentFiles',
  'listRevisions',
  'getRevisionText',
  'restoreRevision',
  'saveRevisionAs',
  'uploadLocalFile',
  'downloadToComputer',
  'chooseLocalFile',
  'chooseSaveLocation',
  'closeWindow',
] as const;

export const EVENT_NAMES = [
  'accountChanged',
  'remoteChanged',
  'documentReloaded',
  'transferProgress',
  'connectionChanged',
  'pendingUploadChanged',
  'menuCommand',
] as const;
