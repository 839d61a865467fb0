import type { TransferView } from '../state/transfers.ts';

const WORDS = {
  upload: { label: 'Upload progress', doing: 'Saving' },
  download: { label: 'Download progress', doing: 'Downloading' },
} as const;

/** A long save or download in the status bar: a bar for the eye, and words for everyone. */
export function TransferIndicator({ transfer }: { transfer: TransferView }) {
  const words = WORDS[transfer.direction];
  return (
    <span className="transfer-indicator">
      <progress max={100} value={transfer.percent} aria-label={words.label} />
      <span>
        {words.doing} {transfer.percent} %
      </span>
    </span>
  );
}
