// Telling when a worker has gone (closed itself, crashed, or was killed by the browser, e.g. out of memory): the
// worker holds a Web Lock for its whole life and the page waits for it. May import: nothing (browser APIs only).
// Why a lock: a worker that dies sends no event to the page, and its pending requests would wait forever; the
// browser releases a dead worker's locks at once, whatever killed it, without any timer or heartbeat.

/** The Web Locks API where the browser offers it (secure contexts: https and localhost); absent in Node. */
function locks(): LockManager | null {
  const nav = (globalThis as { navigator?: Navigator }).navigator;
  return nav?.locks ?? null;
}

/** A lock name unique to one worker (lock names are shared by every tab of the origin); null without Web Locks. */
export function lifelineName(): string | null {
  const uuid = (globalThis as { crypto?: Crypto }).crypto?.randomUUID;
  return locks() && uuid ? `locality-lab-worker-${uuid.call(crypto)}` : null;
}

/**
 * Worker side: holds the lock `name` until the worker ends. Resolves once it is held (at once without a name or
 * Web Locks), so the page's watch, which starts after the worker's first reply, always finds it taken.
 */
export function holdLifeline(name: string | null): Promise<void> {
  const manager = locks();
  if (!name || !manager) return Promise.resolve();
  return new Promise<void>((held) => {
    void manager.request(name, () => {
      held();
      return new Promise<never>(() => {}); // never released while the worker lives
    });
  });
}

/**
 * Page side: calls `onExit` once the worker holding `name` has gone. Returns a cancel function (call it before
 * terminating the worker on purpose). Without a name or Web Locks it watches nothing.
 */
export function watchLifeline(name: string | null, onExit: () => void): () => void {
  const manager = locks();
  if (!name || !manager) return () => {};
  const abort = new AbortController();
  manager.request(name, { signal: abort.signal }, () => onExit()).catch(() => undefined); // aborted: cancelled
  return () => abort.abort();
}
