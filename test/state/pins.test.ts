// Pinned runs in the URL and the store: the pin= key round-trips and refuses bad links with a notice, the parameter
// differences, and the pins slice (at most 3, unpin, pin of the current run). May import: vitest, src/state, fakes.
import { describe, expect, it } from 'vitest';
import { paramDifferences, pinLabel } from '../../src/state/pins';
import { resolveParams } from '../../src/state/resolve';
import { createAppStore } from '../../src/state/store';
import { formatQuery, parseQuery, PIN_MAX, readPinLink } from '../../src/state/url';
import type { PinnedHistories, PinRunner } from '../../src/worker/pin-runner';
import { FakeClient, historyAt, snapshot } from './fake-client';

const DEFAULTS = resolveParams({}).params;
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('pin= in the URL', () => {
  it('round-trips up to three pins, each the canonical query of its run', () => {
    // canonical queries (table order), as the store keeps them
    const pins = ['?v=1&lr=0.02', '?v=1&steps=200&wStar=0.5', '?v=1&rules=bptt,rflo'];
    const query = formatQuery(DEFAULTS, { pins });
    // '&' is escaped inside a pin; '=' and ',' stay readable
    expect(query).toBe('?v=1&pin=v=1%26lr=0.02&pin=v=1%26steps=200%26wStar=0.5&pin=v=1%26rules=bptt,rflo');
    const parsed = parseQuery(query);
    expect(parsed.notices).toEqual([]);
    expect(parsed.view.pins).toEqual(pins);
    expect(formatQuery(parsed.params, parsed.view)).toBe(query);
  });

  it('reads a pin given as a full link and keeps only its parameters', () => {
    const read = readPinLink('https://example.org/lab/?v=1&lr=0.05&view=loss&present=1#about');
    expect(read).toEqual({ ok: true, query: '?v=1&lr=0.05', params: { ...DEFAULTS, lr: 0.05 } });
    expect(readPinLink('v=1&lr=0.05#about')).toEqual(read);
  });

  it('drops a mangled pin with a notice naming it, and keeps the good ones', () => {
    const { view, notices } = parseQuery('?v=1&pin=v=1%26lr=abc&pin=v=1%26lr=0.02&pin=hello');
    expect(view.pins).toEqual(['?v=1&lr=0.02']);
    expect(notices.map((n) => n.key)).toEqual(['pin', 'pin']);
    expect(notices[0].message).toMatch(/^pin 1 \('v=1&lr=abc'\): lr: 'abc' is not a number.*; dropped$/);
    expect(notices[1].message).toBe("pin 3 ('hello'): 'hello' has no parameters (no key=value); dropped");
  });

  it('keeps at most three pins and drops repeats, each with a notice', () => {
    const q = ['0.02', '0.03', '0.02', '0.04', '0.05'].map((lr) => `pin=lr=${lr}`).join('&');
    const { view, notices } = parseQuery(`?v=1&${q}`);
    expect(view.pins).toEqual(['?v=1&lr=0.02', '?v=1&lr=0.03', '?v=1&lr=0.04']);
    expect(PIN_MAX).toBe(3);
    expect(notices.map((n) => n.message)).toEqual([
      'pin 3 repeats an earlier pin; dropped',
      'pin 5: at most 3 pins are kept; dropped',
    ]);
  });

  it('is no simulation parameter (a pin never changes the run itself)', () => {
    expect(parseQuery('?v=1&pin=lr=0.5').params).toEqual(DEFAULTS);
  });
});

describe('paramDifferences and pinLabel', () => {
  it('lists the differing parameters in table order, as the URL writes them', () => {
    const there = { ...DEFAULTS, lr: 0.02, wStar: [0.5, 0.5] };
    const diffs = paramDifferences(DEFAULTS, there);
    expect(diffs).toEqual([
      { key: 'lr', here: '0.01', there: '0.02' },
      { key: 'wStar', here: '0.5,0.8', there: '0.5' },
    ]);
    expect(pinLabel(0, diffs)).toBe('pin 1: lr 0.02, wStar 0.5');
    expect(paramDifferences(DEFAULTS, DEFAULTS)).toEqual([]);
    // a pin with one mode differs in the lists only where its one mode does
    const oneMode = resolveParams({ modes: '1', wStar: '0.9' }).params;
    expect(paramDifferences(DEFAULTS, oneMode).map((d) => d.key)).toEqual(['modes', 'wStar']);
    expect(pinLabel(1, [])).toBe('pin 2: same parameters');
  });

  it('names three differences and counts the rest', () => {
    const there = { ...DEFAULTS, lr: 0.02, T: 5, seed: 3, steps: 100 };
    expect(pinLabel(2, paramDifferences(DEFAULTS, there))).toBe('pin 3: seed 3, T 5, lr 0.02 +1 more');
  });
});

/** A pin runner that records what it was asked and answers when the test says. */
class FakePinRunner implements PinRunner {
  asked: string[] = [];
  private waiting: ((r: PinnedHistories) => void)[] = [];
  run(params: typeof DEFAULTS) {
    this.asked.push(formatQuery(params));
    return new Promise<PinnedHistories>((resolve) => this.waiting.push(resolve));
  }
  finishAll() {
    const result = {
      runs: [{ rule: 'bptt' as const, seed: 1, seedIndex: 0 }],
      histories: [historyAt([0, 10])],
    };
    this.waiting.splice(0).forEach((resolve) => resolve(result));
  }
  dispose() {}
}

function setup(search = '') {
  const client = new FakeClient();
  const pinRunner = new FakePinRunner();
  const store = createAppStore({ client, pinRunner, search });
  return { client, pinRunner, store, s: () => store.getState() };
}

describe('pins slice', () => {
  it("computes the link's own pins at start", async () => {
    const { s, pinRunner } = setup('?v=1&pin=lr=0.02');
    expect(pinRunner.asked).toEqual(['?v=1&lr=0.02']);
    expect(s().pinData['?v=1&lr=0.02']).toEqual({ status: 'computing' });
    pinRunner.finishAll();
    await settle();
    expect(s().pinData['?v=1&lr=0.02']).toMatchObject({ status: 'ready', runs: [{ rule: 'bptt' }] });
  });

  it('pins the current parameters; a finished run reuses its curves instead of training again', () => {
    const { s, client, pinRunner } = setup('?v=1&steps=20');
    client.emit(snapshot({ fresh: true, status: 'finished', step: 20, steps: 20, records: [0, 10, 20] }));
    expect(s().pinCurrent()).toEqual({ ok: true, query: '?v=1&steps=20' });
    expect(pinRunner.asked).toEqual([]);
    const data = s().pinData['?v=1&steps=20'];
    expect(data.status).toBe('ready');
    if (data.status === 'ready') {
      expect(data.histories[0].step).toEqual([0, 10, 20]);
      // a copy: the live histories grow in place
      expect(data.histories[0]).not.toBe(s().histories[0]);
    }
    expect(s().pinCurrent()).toEqual({ ok: false, message: 'this run is already pinned (pin 1)' });
  });

  it('pins an unfinished current run by training it in the pin runner', () => {
    const { s, pinRunner } = setup('?v=1&lr=0.03');
    expect(s().pinCurrent().ok).toBe(true);
    expect(pinRunner.asked).toEqual(['?v=1&lr=0.03']);
  });

  it('holds at most three pins, and unpin removes one with its data', () => {
    const { s } = setup();
    for (const lr of ['0.02', '0.03', '0.04']) expect(s().pinLink(`?v=1&lr=${lr}`).ok).toBe(true);
    expect(s().pinLink('?v=1&lr=0.05')).toEqual({ ok: false, message: 'at most 3 pins: unpin one first' });
    s().unpin('?v=1&lr=0.03');
    expect(s().view.pins).toEqual(['?v=1&lr=0.02', '?v=1&lr=0.04']);
    expect(Object.keys(s().pinData)).toEqual(['?v=1&lr=0.02', '?v=1&lr=0.04']);
    expect(s().pinLink('https://x.org/?v=1&lr=0.05').ok).toBe(true);
  });

  it('refuses a bad link with a message naming the problem', () => {
    const { s } = setup();
    expect(s().pinLink('?v=1&lr=-1')).toEqual({
      ok: false,
      message: expect.stringMatching(/^This link cannot be pinned: lr: -1 is out of range/) as string,
    });
    expect(s().view.pins).toEqual([]);
  });

  it('a failed pin says why', async () => {
    const client = new FakeClient();
    const store = createAppStore({ client, search: '?v=1&pin=lr=0.02' });
    await settle();
    expect(store.getState().pinData['?v=1&lr=0.02']).toEqual({
      status: 'failed',
      reason: 'no worker for pinned runs',
    });
  });
});
