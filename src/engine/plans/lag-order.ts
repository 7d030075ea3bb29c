// Lag bookkeeping of the doubling plan: the powers W^λ come out in bit-reversed order. Imports nothing.
// Why bit-reversed: each doubling level multiplies by [I | W^L] and the new binary digit of λ lands next to the
// column index (a reshape, no copy), so after ℓ levels the memory index μ holds the lag whose binary digits are μ's
// reversed. Every constant that refers to a lag (masks, shifts, credits) is built through this table.

export interface LagOrder {
  /** number of doubling levels ℓ; the powers cover lags 0..2^ℓ−1 */
  levels: number;
  /** 2^levels ≥ T */
  size: number;
  /** lag held at memory index μ */
  lagAt: number[];
  /** memory index holding lag λ */
  slotOf: number[];
}

export function lagOrder(T: number): LagOrder {
  let levels = 0;
  while (2 ** levels < T) levels++;
  const size = 2 ** levels;
  const lagAt = Array.from({ length: size }, (_, mu) => {
    let lag = 0;
    for (let b = 0; b < levels; b++) if (mu & (1 << (levels - 1 - b))) lag |= 1 << b;
    return lag;
  });
  const slotOf = new Array<number>(size);
  lagAt.forEach((lag, mu) => (slotOf[lag] = mu));
  return { levels, size, lagAt, slotOf };
}
