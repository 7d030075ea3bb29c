// A modal <dialog> driven by an `open` prop (native focus trap, Escape closes, focus returns to the opener).
// May import: react only.
import { type ReactNode, useEffect, useRef } from 'react';

interface Props {
  open: boolean;
  onClose(): void;
  title: string;
  testId: string;
  className?: string;
  children: ReactNode;
}

export function Dialog({ open, onClose, title, testId, className, children }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (open && !el.open) el.showModal();
    if (!open && el.open) el.close();
  }, [open]);
  const titleId = `${testId}-title`;
  return (
    <dialog ref={ref} data-testid={testId} className={className} aria-labelledby={titleId} onClose={onClose}>
      <div className="dialog-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" onClick={onClose} aria-label={`Close ${title}`}>
          ✕
        </button>
      </div>
      {open && children}
    </dialog>
  );
}
