import { type ReactNode, useEffect, useRef } from 'react';

interface ModalDialogProps {
  label: string;
  onClose(): void;
  children: ReactNode;
  className?: string;
}

/**
 * A native modal <dialog>: the page behind is inert and Tab stays inside, for free. Escape closes it
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
    dialog.addEventListener('cancel', cancel);
    dialog.showModal();
    // React's autoFocus runs before showModal, which then focuses the first control; this picks the
    // dialog's safe default answer instead, wherever it sits.
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => {
      dialog.removeEventListener('cancel', cancel);
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
