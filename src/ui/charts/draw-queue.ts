// Every Plotly redraw goes through this queue: one chart per task, so the page answers input between two charts'
// redraws instead of after all six (a redraw costs 25–250 ms on a slow laptop). May import nothing.

const queue = new Map<object, () => void>();
let armed = false;

function runOne(): void {
  armed = false;
  const next = queue.entries().next();
  if (next.done) return;
  const [key, draw] = next.value;
  queue.delete(key);
  try {
    draw();
  } finally {
    if (queue.size) arm();
  }
}

function arm(): void {
  if (armed) return;
  armed = true;
  setTimeout(runOne, 0);
}

/** Draws `draw` for `key` in a task of its own; a newer request for the same key replaces a waiting one in place. */
export function requestDraw(key: object, draw: () => void): void {
  queue.set(key, draw);
  arm();
}

export function cancelDraw(key: object): void {
  queue.delete(key);
}
