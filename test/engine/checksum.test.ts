// The run checksum (src/engine/checksum.ts): FNV-1a 64 test vectors, float32 bytes (a JSON round trip and a
// non-finite entry change nothing, one ulp changes it), and on real simulations: same parameters → same checksum,
// one parameter changed → a different one; the run file holds the checksum of its final weights.
import { describe, expect, it } from 'vitest';
import { combineDigests, fnv1a64, runChecksum, weightsDigest } from '../../src/engine/checksum';
import { HistoryRecorder } from '../../src/engine/history';
import { initBackend } from '../../src/engine/backend';
import { buildRunFile, trainAndRecord } from '../../src/engine/run-builder';
import { parseRunFile, serializeRunFile } from '../../src/engine/run-file';
import { Simulation } from '../../src/engine/simulation';
import { resolveParams } from '../../src/state/resolve';

/** FNV-1a 64 with BigInt, straight from its definition (the oracle for the limb arithmetic). */
function fnvBigInt(bytes: Uint8Array): string {
  let h = 0xcbf29ce484222325n;
  for (const b of bytes) h = ((h ^ BigInt(b)) * 0x100000001b3n) & 0xffffffffffffffffn;
  return h.toString(16).padStart(16, '0');
}

const W1 = {
  A: [[1, 2]],
  W: [
    [0.5, 0.1],
    [0.2, 0.3],
  ],
  B: [[1], [2]],
};

async function trainedChecksum(raw: Record<string, string>, steps = 60) {
  await initBackend();
  const sim = new Simulation(resolveParams({ steps: String(steps), every: '20', ...raw }).params);
  try {
    const file = buildRunFile(sim, trainAndRecord(sim, new HistoryRecorder(sim.runs.length)), 'test');
    return { file, live: runChecksum(sim.weights()) };
  } finally {
    sim.dispose();
  }
}

describe('FNV-1a 64', () => {
  it('gives the published test vectors', () => {
    const text = new TextEncoder();
    expect(fnv1a64(text.encode(''))).toBe('cbf29ce484222325');
    expect(fnv1a64(text.encode('a'))).toBe('af63dc4c8601ec8c');
    expect(fnv1a64(text.encode('foobar'))).toBe('85944171f73967e8');
  });

  it('equals the BigInt definition on every byte value and long inputs', () => {
    const bytes = Uint8Array.from({ length: 4096 }, (_, k) => (k * 2654435761) >>> 24);
    bytes.set(Uint8Array.from({ length: 256 }, (_, k) => k));
    expect(fnv1a64(bytes)).toBe(fnvBigInt(bytes));
  });
});

describe('weight digests', () => {
  it('hash the float32 values: a JSON round trip changes nothing, one float32 ulp does', () => {
    const digest = weightsDigest(W1);
    expect(digest).toMatch(/^[0-9a-f]{16}$/);
    expect(weightsDigest(JSON.parse(JSON.stringify(W1)))).toBe(digest);
    // 0.5 + 2^-25 rounds to 0.5 in float32: the same weight as trained
    expect(
      weightsDigest({
        ...W1,
        W: [
          [0.5 + 2 ** -25, 0.1],
          [0.2, 0.3],
        ],
      }),
    ).toBe(digest);
    expect(
      weightsDigest({
        ...W1,
        W: [
          [0.5 + 2 ** -23, 0.1],
          [0.2, 0.3],
        ],
      }),
    ).not.toBe(digest);
  });

  it('hash every non-finite entry as one NaN, as a run file writes it (null)', () => {
    const withInf = { ...W1, B: [[Infinity], [2]] };
    const fromFile = JSON.parse(serializeRunFile({ w: withInf } as never)).w;
    expect(fromFile.B[0][0]).toBeNull();
    expect(weightsDigest(fromFile)).toBe(weightsDigest(withInf));
    expect(weightsDigest({ ...W1, B: [[NaN], [2]] })).toBe(weightsDigest(withInf));
    expect(weightsDigest(withInf)).not.toBe(weightsDigest(W1));
  });

  it('depend on the shapes and on which matrix holds a value', () => {
    expect(weightsDigest({ A: [[1, 2]], W: [[3]], B: [[4]] })).not.toBe(
      weightsDigest({ A: [[1], [2]], W: [[3]], B: [[4]] }),
    );
    expect(weightsDigest({ A: [[1]], W: [[2]], B: [[3]] })).not.toBe(
      weightsDigest({ A: [[2]], W: [[1]], B: [[3]] }),
    );
  });

  it('combine in run order into 12 hex digits', () => {
    const other = { ...W1, A: [[1, 3]] };
    const c = runChecksum([W1, other]);
    expect(c).toMatch(/^[0-9a-f]{12}$/);
    expect(combineDigests([weightsDigest(W1), weightsDigest(other)])).toBe(c);
    expect(runChecksum([other, W1])).not.toBe(c);
    expect(runChecksum([W1])).not.toBe(c);
  });
});

describe('run checksums of simulations', () => {
  it('same parameters → the same checksum (two simulations), held by the run file', async () => {
    const a = await trainedChecksum({ rules: 'bptt,tbptt,rflo,eprop' });
    const b = await trainedChecksum({ rules: 'bptt,tbptt,rflo,eprop' });
    expect(a.file.checksum).toMatch(/^[0-9a-f]{12}$/);
    expect(b.file.checksum).toBe(a.file.checksum);
    expect(a.live).toBe(a.file.checksum);
    // and what a reader recomputes from the file's final weights
    const read = parseRunFile(serializeRunFile(a.file));
    expect(read.checksum).toBe(a.file.checksum);
    expect(runChecksum(read.runs.map((r) => r.final))).toBe(a.file.checksum);
  });

  it.each([
    ['lr', { lr: '0.0101' }],
    ['seed', { seed: '2' }],
    ['truncation', { truncation: '2' }],
    ['what', { what: '0.6' }],
  ])('one parameter changed (%s) → a different checksum', async (_name, change) => {
    const base = await trainedChecksum({ task: 'random', n: '5' });
    const changed = await trainedChecksum({ task: 'random', n: '5', ...change });
    expect(changed.file.checksum).not.toBe(base.file.checksum);
  });

  it('changes as training goes on (it is the checksum of the current step)', async () => {
    const early = await trainedChecksum({}, 20);
    const late = await trainedChecksum({}, 40);
    expect(late.file.checksum).not.toBe(early.file.checksum);
  });

  it('a run file with a checksum that is not a string is refused with a message', () => {
    const text = serializeRunFile({ ...parseRunFileFixture(), checksum: 42 } as never);
    expect(() => parseRunFile(text)).toThrow(/^checksum must be a string, got number/);
  });
});

function parseRunFileFixture() {
  return {
    format: 'locality-lab-run',
    version: 1,
    backend: 'test',
    params: {},
    teacher: W1,
    runs: [{ rule: 'bptt', seed: 1, initial: W1, final: W1, history: { step: [0], loss: [1] } }],
  };
}
