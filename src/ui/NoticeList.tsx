// What the page's link had wrong and what was used instead: one item per notice, as plain text only.
// May import: ./store-context.
import { useAppStore } from './store-context';

export function NoticeList() {
  const notices = useAppStore((s) => s.urlNotices);
  const dismiss = useAppStore((s) => s.dismissUrlNotices);
  if (!notices.length) return null;
  return (
    <section className="notices" aria-labelledby="notices-title">
      <h2 id="notices-title">This link had values that could not be used</h2>
      {/* values from the URL are rendered as text nodes only, never as HTML */}
      <ul data-testid="notice-list">
        {notices.map((n, k) => (
          <li key={k}>{n.message}</li>
        ))}
      </ul>
      <button type="button" onClick={dismiss}>
        Dismiss
      </button>
    </section>
  );
}
