import { type ReactNode, useEffect, useRef } from 'react';
import { TABBABLE, wrapTarget } from './focus-wrap.ts';

interface ModalDialogProps {
  label: string;
  onClose(): void;
  children: ReactNode;
  className?: string;
}

/**
 * A native modal <dialog>: the page behind is inert, and Tab goes round inside it (focus-wrap.ts). Escape closes it
 * through `onClose` (so React owns the open state), and focus goes back to where it was.
 */
export function ModalDialog({ label, onClose, children, className }: ModalDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const close = useRef(onClose);
  close.current = onClose;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const cancel = (event: Event) => {
      event.preventDefault();
      close.current();
    };
    const keepTabInside = (event: KeyboardEvent) => {
      if (event.key !== 'Tab' || event.defaultPrevented) return;
      const controls = [...dialog.querySelectorAll<HTMLElement>(TABBABLE)].filter(
        (control) => control.offsetParent !== null || control === document.activeElement,
      );
      const current = controls.findIndex((control) => control.contains(document.activeElement));
      const target = wrapTarget(controls.length, current, event.shiftKey);
      if (target === null) return;
      event.preventDefault();
      controls[target]?.focus();
    };
    dialog.addEventListener('cancel', cancel);
    dialog.addEventListener('keydown', keepTabInside);
    dialog.showModal();
    // React's autoFocus runs before showModal, which then focuses the first control; this picks the
    // dialog's safe default answer instead, wherever it sits.
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => {
      dialog.removeEventListener('cancel', cancel);
      dialog.removeEventListener('keydown', keepTabInside);
      dialog.close();
      opener?.focus();
    };
  }, []);

  return (
    <dialog ref={ref} aria-label={label} className={className ? `modal ${className}` : 'modal'}>
      {children}
    </dialog>
  );
}
