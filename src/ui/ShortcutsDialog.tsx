// The keyboard shortcut list ("?" opens it, Escape closes it).
// May import: ./shortcuts, ./Dialog.
import { Dialog } from './Dialog';
import { SHORTCUTS } from './shortcuts';

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  return (
    <Dialog open={open} onClose={onClose} title="Keyboard shortcuts" testId="shortcuts-dialog">
      <table className="shortcuts">
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.action}>
              <th scope="row">
                <kbd>{s.keys}</kbd>
              </th>
              <td>{s.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>Shortcuts are ignored while you type in a field. Escape closes this list.</p>
    </Dialog>
  );
}
