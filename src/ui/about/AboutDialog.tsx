// The About panel: a dialog whose content (and the math renderer) loads only when first opened.
// May import: react, ../Dialog, ./AboutContent (lazily).
import { lazy, Suspense } from 'react';
import { Dialog } from '../Dialog';

const AboutContent = lazy(() => import('./AboutContent'));

export function AboutDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="About Locality Lab"
      testId="about-panel"
      className="about-dialog"
    >
      <Suspense fallback={<p>Loading…</p>}>
        <AboutContent />
      </Suspense>
    </Dialog>
  );
}
