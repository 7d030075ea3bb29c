// Notes under a chart on what its theory overlay cannot show: rules drawn without a curve, curves that stop early.
// May import: react, ../theory types.
import type { OverlayNote } from '../theory';

export function TheoryNotes({ notes, testId }: { notes: OverlayNote[]; testId: string }) {
  if (!notes.length) return null;
  return (
    <ul className="theory-notes" data-testid={testId} aria-label="Theory overlay notes">
      {notes.map((n) => (
        <li key={`${n.rule}-${n.kind}`}>{n.text}</li>
      ))}
    </ul>
  );
}
