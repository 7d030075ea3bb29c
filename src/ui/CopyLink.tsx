// "Copy link": the page URL (always equal to the parameters) to the clipboard, or a selected text field to copy
// by hand where the clipboard API is unavailable. May import: react only.
import { useRef, useState } from 'react';

export function CopyLink() {
  const [fallback, setFallback] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const field = useRef<HTMLInputElement>(null);

  const copy = async () => {
    const url = window.location.href;
    try {
      if (!navigator.clipboard?.writeText) throw new Error('no clipboard API');
      await navigator.clipboard.writeText(url);
      setFallback(null);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      setFallback(url);
      // after React has shown the field
      setTimeout(() => {
        field.current?.focus();
        field.current?.select();
      }, 0);
    }
  };

  return (
    <span className="copy-link">
      <button type="button" data-testid="copy-link-button" onClick={() => void copy()}>
        {copied ? 'Link copied' : 'Copy link'}
      </button>
      {fallback && (
        <label className="copy-fallback">
          Copy this link (Ctrl+C):{' '}
          <input
            ref={field}
            type="text"
            readOnly
            value={fallback}
            data-testid="copy-link-field"
            onBlur={() => setFallback(null)}
          />
        </label>
      )}
      <span className="visually-hidden" role="status">
        {copied ? 'Link copied to the clipboard' : ''}
      </span>
    </span>
  );
}
