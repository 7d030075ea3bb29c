// Chooses the TF.js backend once: wasm (fast, works in Node and browser workers), cpu as the fallback.
// Imports TF.js only; callers in the browser pass the .wasm asset URLs (Vite resolves them).
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

export type BackendName = 'wasm' | 'cpu';

export interface BackendChoice {
  name: BackendName;
  /** why the fallback was used, when it was */
  note: string | null;
}

let chosen: Promise<BackendChoice> | null = null;

/**
 * Initialises TF.js once per process/worker and reports what it got. Same backend ⇒ same numbers:
 * wasm and cpu agree only to float32 rounding, so the run file records which one produced it.
 */
export function initBackend(
  options: { prefer?: BackendName; wasmPaths?: Record<string, string> } = {},
): Promise<BackendChoice> {
  chosen ??= (async () => {
    const prefer = options.prefer ?? 'wasm';
    if (prefer === 'wasm') {
      if (options.wasmPaths) setWasmPaths(options.wasmPaths);
      try {
        if (await tf.setBackend('wasm')) {
          await tf.ready();
          return { name: 'wasm' as const, note: null };
        }
      } catch (err) {
        await tf.setBackend('cpu');
        await tf.ready();
        return { name: 'cpu' as const, note: `wasm backend unavailable (${String(err)}); using cpu` };
      }
    }
    await tf.setBackend('cpu');
    await tf.ready();
    return { name: 'cpu' as const, note: prefer === 'wasm' ? 'wasm backend unavailable; using cpu' : null };
  })();
  return chosen;
}
