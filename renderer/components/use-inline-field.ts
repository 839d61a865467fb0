import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';

/**
 * What a one-line form inside a dialog needs (the Open dialog's path field, a new folder's name): focus
 * on arrival, a problem shown under the field, a busy flag while the core answers, and Escape that
 * discards the field, not the whole dialog (a handled keydown sends the dialog no cancel).
 */
export function useInlineField(onDiscard: () => void, { select = false } = {}) {
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const problemId = useId();

  useEffect(() => {
    input.current?.focus();
    if (select) input.current?.select();
  }, [select]);

  const keyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    onDiscard();
  };

  return { problem, setProblem, busy, setBusy, input, problemId, keyDown };
}
