// Lag bookkeeping of the doubling plan: in which memory slot each power W^λ comes out. Imports nothing.
// Each level multiplies by [I | Z | Z² | …] (Z = W^L, L the lags so far) and the new digit of λ lands next to the
// column index (a reshape, no copy), so the memory index μ holds the lag whose mixed-radix digits are μ's read in
// reverse. Every constant that refers to a lag (masks, shifts, credits) is built through this table.

export interface LagOrder {
  /** radix of each level, first level first (4s, and one 2 when the level count is odd) */
  radices: number[];
  /** lags covered: the product of the radices, the smallest such ≥ T */
  size: number;
  /** lag held at memory index μ */
  lagAt: number[];
  /** memory index holding lag λ */
  slotOf: number[];
}

export function lagOrder(T: number): LagOrder {
  let bits = 0;
  while (2 ** bits < T) bits++;
  const radices = [...Array(bits >> 1).fill(4), ...(bits & 1 ? [2] : [])];
  const size = 2 ** bits;
  // digit d_ℓ of level ℓ has weight Π_{k<ℓ} r_k in the lag and is the ℓ-th most significant digit of μ
  const lagAt = Array.from({ length: size }, (_, mu) => {
    let lag = 0;
    let weight = 1;
    let rest = mu;
    let span = size;
    for (const r of radices) {
      span /= r;
      const digit = Math.floor(rest / span);
      rest -= digit * span;
      lag += digit * weight;
      weight *= r;
    }
    return lag;
  });
  const slotOf = new Array<number>(size);
  lagAt.forEach((lag, mu) => (slotOf[lag] = mu));
  return { radices, size, lagAt, slotOf };
}
