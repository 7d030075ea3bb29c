// Builds something that owns tensors so that a failure half-way leaks none of them. Imports TF.js only.
// Why: a constructor that throws (bad parameters, or the wasm heap running out mid-way) returns no object whose
// dispose() could release what it had already allocated, and a worker that keeps those tensors runs out of memory
// sooner on the next attempt.
import * as tf from '@tensorflow/tfjs-core';

/**
 * Runs `build` in a tensor scope: if it throws, every tensor it created (directly or kept from inner tidies) is
 * disposed and the error rethrown; if it returns, every such tensor is kept, exactly as without the scope.
 */
export function disposeOnThrow<T>(build: () => T): T {
  let out: { value: T } | null = null;
  // tidy disposes what its scope tracked unless it is returned: return everything on success, nothing on a throw
  tf.tidy(() => {
    out = { value: build() };
    return tf.engine().state.activeScope.track.slice();
  });
  return (out as unknown as { value: T }).value;
}
