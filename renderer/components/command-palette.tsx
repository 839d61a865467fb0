import { type KeyboardEvent, useState } from 'react';
import { type CommandEntry, type CommandId, matchCommands, shortcutOf } from '../commands.ts';
import { ModalDialog } from './modal-dialog.tsx';

interface CommandPaletteProps {
  hasDocument: boolean;
  onRun(command: CommandId): void;
  onClose(): void;
}

/** Every menu command, reachable from the keyboard in the window (Ctrl/Cmd+Shift+P or F1). */
export function CommandPalette({ hasDocument, onRun, onClose }: CommandPaletteProps) {
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState(0);
  const usable = (entry: CommandEntry) => hasDocument || !entry.needsDocument;
  const matches = matchCommands(query).filter(usable);
  const chosen = matches[Math.min(selected, matches.length - 1)];

  const run = (entry: CommandEntry | undefined) => {
    if (!entry) return;
    onClose();
    onRun(entry.id);
  };
  const keyDown = (event: KeyboardEvent) => {
    const step = { ArrowDown: 1, ArrowUp: -1 }[event.key];
    if (step && matches.length > 0) {
      event.preventDefault();
      setSelected((Math.min(selected, matches.length - 1) + step + matches.length) % matches.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      run(chosen);
    }
  };

  return (
    <ModalDialog label="Command palette" onClose={onClose} className="palette">
      <input
        // biome-ignore lint/a11y/noAutofocus: the palette exists to be typed into
        autoFocus
        role="combobox"
        aria-label="Command"
        aria-expanded="true"
        aria-controls="palette-list"
        aria-activedescendant={chosen ? `palette-${chosen.id}` : undefined}
        placeholder="Type a command"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setSelected(0);
        }}
        onKeyDown={keyDown}
        spellCheck={false}
      />
      <div id="palette-list" role="listbox" aria-label="Commands" className="palette-list">
        {matches.map((entry) => (
          // biome-ignore lint/a11y/useKeyWithClickEvents: the combobox above owns the keyboard
          <div
            key={entry.id}
            id={`palette-${entry.id}`}
            role="option"
            tabIndex={-1}
            aria-selected={entry === chosen}
            onClick={() => run(entry)}
          >
            <span>{entry.label}</span>
            {entry.keys.length > 0 && <kbd>{shortcutOf(entry)}</kbd>}
          </div>
        ))}
      </div>
      {matches.length === 0 && <p className="empty">No command matches “{query}”.</p>}
    </ModalDialog>
  );
}
