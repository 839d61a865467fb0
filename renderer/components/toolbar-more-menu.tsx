import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import type { CommandId } from '../commands.ts';
import { menuKeyTarget } from './toolbar-more-keys.ts';

export interface MoreItem {
  command: CommandId;
  label: string;
  title: string;
  disabled: boolean;
}

interface ToolbarMoreMenuProps {
  items: readonly MoreItem[];
  onRun(command: CommandId): void;
}

/**
 * The toolbar's less-used commands in a menu, shown instead of their buttons when the window is narrow
 * (workspace.css): one row of buttons at 800 px. Arrow keys move, Escape and a click elsewhere close.
 */
export function ToolbarMoreMenu({ items, onRun }: ToolbarMoreMenuProps) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    root.current?.querySelector<HTMLElement>('[role="menuitem"]:not(:disabled)')?.focus();
    const away = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, [open]);

  const close = () => {
    setOpen(false);
    trigger.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const entries = [
      ...(root.current?.querySelectorAll<HTMLElement>('[role="menuitem"]:not(:disabled)') ?? []),
    ];
    const target = menuKeyTarget(
      event.key,
      entries.indexOf(document.activeElement as HTMLElement),
      entries.length,
    );
    if (target === 'close') close();
    else if (target !== null) entries[target]?.focus();
    else return;
    event.preventDefault();
  };

  return (
    <div className="toolbar-more" ref={root}>
      <button
        ref={trigger}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        title="Upload, Download and History"
        onClick={() => setOpen((was) => !was)}
      >
        More ▾
      </button>
      {open && (
        <div className="toolbar-more-menu" role="menu" aria-label="More" onKeyDown={onKeyDown}>
          {items.map((item) => (
            <button
              key={item.command}
              type="button"
              role="menuitem"
              disabled={item.disabled}
              title={item.title}
              onClick={() => {
                close();
                onRun(item.command);
              }}
            >
              {item.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
