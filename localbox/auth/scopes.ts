/** The scopes every localbox token carries: what a full-access Dropbox app asks for to edit files. */
export const SCOPES =
  'account_info.read files.content.read files.content.write files.metadata.read files.metadata.write';
