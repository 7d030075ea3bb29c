// The hot path's kernels, called through the engine directly. Imports TF.js only.
// Why: a training step is a fixed sequence of small kernels whose shapes the plan has already checked, and on
// the wasm backend each kernel costs ~8–12 µs regardless of size. The public ops add their own argument checks,
// scope bookkeeping and, for tf.where, three broadcast copies; skipping them saves ~10 % of a step (measured on
// the default preset) and keeps the kernel count what the plan says. Results are bit-identical to the ops.
import * as tf from '@tensorflow/tfjs-core';

type T = tf.Tensor;
const run = (name: string, inputs: tf.NamedTensorMap | T[], attrs: object = {}): T =>
  tf.engine().runKernel(name, inputs as tf.NamedTensorMap, attrs as tf.NamedAttrMap) as T;

/** a·b per batch entry (rank ≥ 2, equal batch sizes; the wasm backend does not broadcast batches) */
export const matMul = (a: T, b: T, transposeA = false, transposeB = false): T =>
  run(tf.BatchMatMul, { a, b }, { transposeA, transposeB });
export const reshape = (x: T, shape: number[]): T => run(tf.Reshape, { x }, { shape });
export const concat = (xs: T[], axis: number): T => run(tf.Concat, xs, { axis });
export const add = (a: T, b: T): T => run(tf.Add, { a, b });
export const sub = (a: T, b: T): T => run(tf.Sub, { a, b });
export const mul = (a: T, b: T): T => run(tf.Multiply, { a, b });
/** elementwise condition ? a : b; all three the same shape */
export const select = (condition: T, a: T, b: T): T => run(tf.Select, { condition, t: a, e: b });
export const pow = (a: T, b: T): T => run(tf.Pow, { a, b });
export const sum = (x: T, axis: number[], keepDims = false): T => run(tf.Sum, { x }, { axis, keepDims });
export const square = (x: T): T => run(tf.Square, { x });
export const transpose = (x: T, perm: number[]): T => run(tf.Transpose, { x }, { perm });
export const slice = (x: T, begin: number[], size: number[]): T => run(tf.Slice, { x }, { begin, size });
export const pad = (x: T, paddings: [number, number][]): T =>
  run(tf.PadV2, { x }, { paddings, constantValue: 0 });
/**
 * Depthwise convolution, 'valid' padding (NHWC input, filter [fh, fw, channels, multiplier]). A width stride of at
 * least the input's width makes a filter narrower than its input read only the input's first columns.
 */
export const depthwise = (x: T, filter: T, strideWidth = 1): T =>
  run(
    tf.DepthwiseConv2dNative,
    { x, filter },
    { strides: [1, strideWidth], pad: 'valid', dataFormat: 'NHWC', dilations: [1, 1] },
  );
/** the sub-tensors along axis 0 */
export const unstack = (value: T): T[] =>
  tf.engine().runKernel(tf.Unpack, { value }, { axis: 0 }) as unknown as T[];
