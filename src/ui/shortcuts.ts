// Keyboard shortcuts: which key does what, and when a key press must be left to the focused element (pure).
// May import: nothing.

export type ShortcutAction = 'togglePlay' | 'step' | 'reset' | 'help';

export const SHORTCUTS: readonly { keys: string; action: ShortcutAction; description: string }[] = [
  { keys: 'Space', action: 'togglePlay', description: 'play / pause' },
  { keys: '→ or n', action: 'step', description: 'one training step' },
  { keys: 'r', action: 'reset', description: 'reset to the same initial weights (step 0)' },
  { keys: '?', action: 'help', description: 'show or hide this list' },
];

/** The parts of a KeyboardEvent the decision needs (so it is testable without a DOM). */
export interface KeyPress {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  target: {
    tagName?: string;
    type?: string;
    isContentEditable?: boolean;
    getAttribute?(name: string): string | null;
  } | null;
}

const NOT_TEXT_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'color', 'image']);

/** Typing targets: every key belongs to them (text fields, selects, which use arrows and letters). */
function isTyping(t: KeyPress['target']): boolean {
  if (!t) return false;
  const tag = (t.tagName ?? '').toLowerCase();
  if (t.isContentEditable || tag === 'textarea' || tag === 'select') return true;
  return tag === 'input' && !NOT_TEXT_INPUTS.has((t.type ?? 'text').toLowerCase());
}

/** Elements that Space activates natively: toggling play there as well would undo the click. */
function spaceActivates(t: KeyPress['target']): boolean {
  if (!t) return false;
  const tag = (t.tagName ?? '').toLowerCase();
  return (
    tag === 'button' ||
    tag === 'summary' ||
    tag === 'a' ||
    tag === 'input' ||
    t.getAttribute?.('role') === 'button'
  );
}

export function shortcutFor(e: KeyPress): ShortcutAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return null;
  switch (e.key) {
    case ' ':
    case 'Spacebar':
      return spaceActivates(e.target) ? null : 'togglePlay';
    case 'ArrowRight':
    case 'n':
    case 'N':
      return 'step';
    case 'r':
    case 'R':
      return 'reset';
    case '?':
      return 'help';
    default:
      return null;
  }
}
