// The TF.js wasm binaries as URLs Vite emits next to the bundle (relative, so any base path works).
// May import: the .wasm files of @tensorflow/tfjs-backend-wasm (as ?url). Browser entry only: Node finds them itself.
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

/** Absolute URLs (resolved against the page) so the worker, which lives elsewhere, can fetch them. */
export function wasmAssetUrls(base: string): Record<string, string> {
  return {
    'tfjs-backend-wasm.wasm': new URL(wasmPlain, base).href,
    'tfjs-backend-wasm-simd.wasm': new URL(wasmSimd, base).href,
    'tfjs-backend-wasm-threaded-simd.wasm': new URL(wasmThreadedSimd, base).href,
  };
}
