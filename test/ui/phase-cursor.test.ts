// The phase portrait's keyboard cursor: arrows move it by a fixed fraction of the plane (finer with Shift), it stays
// inside the drawn bounds, other keys do nothing, and its crosshair is drawn where it is.
import { describe, expect, it } from 'vitest';
import { cursorShapes, moveCursor } from '../../src/ui/theory/phase-cursor';

const bounds = { a: [-2, 2] as [number, number], b: [-4, 4] as [number, number] };

describe('phase cursor', () => {
  it('moves a on ←/→ and b on ↑/↓ by 1/40 of each span, 1/200 with Shift', () => {
    const c = { a: 0, b: 0 };
    expect(moveCursor(c, 'ArrowRight', bounds, false)).toEqual({ a: 0.1, b: 0 });
    expect(moveCursor(c, 'ArrowLeft', bounds, false)).toEqual({ a: -0.1, b: 0 });
    expect(moveCursor(c, 'ArrowUp', bounds, false)).toEqual({ a: 0, b: 0.2 });
    expect(moveCursor(c, 'ArrowDown', bounds, true)).toEqual({ a: 0, b: -0.04 });
  });

  it('stays inside the plane, rounds to 3 decimals, ignores other keys', () => {
    expect(moveCursor({ a: 1.99, b: 0 }, 'ArrowRight', bounds, false)).toEqual({ a: 2, b: 0 });
    expect(moveCursor({ a: 0, b: -3.9 }, 'ArrowDown', bounds, false)).toEqual({ a: 0, b: -4 });
    expect(moveCursor({ a: 0.1234, b: 0 }, 'ArrowRight', bounds, true)).toEqual({ a: 0.143, b: 0 });
    expect(moveCursor({ a: 0, b: 0 }, 'Enter', bounds, false)).toBeNull();
    expect(moveCursor({ a: 0, b: 0 }, 'x', bounds, false)).toBeNull();
  });

  it('draws a crosshair through the cursor and a ring at it', () => {
    const [h, v, ring] = cursorShapes({ a: 0.5, b: -1 }, bounds, 'x', 'y');
    expect([h.y0, h.y1, h.x0, h.x1]).toEqual([-1, -1, -2, 2]);
    expect([v.x0, v.x1, v.y0, v.y1]).toEqual([0.5, 0.5, -4, 4]);
    expect(ring.type).toBe('circle');
    expect((ring.x0 + ring.x1) / 2).toBeCloseTo(0.5, 12);
    expect((ring.y0 + ring.y1) / 2).toBeCloseTo(-1, 12);
    expect([h, v, ring].every((s) => s.name === 'cursor' && s.xref === 'x' && s.yref === 'y')).toBe(true);
  });
});
