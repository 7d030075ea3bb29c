// Command-line arguments → parameters, strictly: any unknown flag or bad value is a usage error (exit 2) with one
// line naming the parameter, the value and what is allowed. Imports src/state (the parameter table) only.
import { availableParallelism } from 'node:os';
import type { EngineParams } from '../engine/params';
import { formatValue } from '../state/param-codecs';
import { defaultParams, dict, isParamKey, PARAM_TABLE, ROWS, type ParamKey } from '../state/params';
import { splitQuery } from '../state/url';
import { resolveParams } from '../state/resolve';
import { describeAllowed } from '../state/param-codecs';

export class UsageError extends Error {}

export interface CliOptions {
  params: EngineParams;
  /** run file path, '-' for stdout */
  out: string;
  /** whether --out was given (with --script alone, nothing is trained) */
  outGiven: boolean;
  /** where to write the reproduction script (engine/python-script.ts), '-' for stdout; null: not asked for */
  script: string | null;
  /** worker threads to split seeds over (CLI only; never changes the numbers) */
  threads: number;
  help: boolean;
}

const MAX_THREADS = Math.max(1, availableParallelism());

/** A command's own flags besides the parameters: those that take a value, and switches (no value). */
export interface FlagSpec {
  valued: readonly string[];
  switches: readonly string[];
}

/**
 * Reads `--name value`, `--name=value`, the parameters' flags and `--query "<url query>"` (the app's own reading
 * of a link; flags win over it) strictly: any unknown flag, missing value or bad parameter is a UsageError.
 */
export function readFlags(
  argv: string[],
  spec: FlagSpec,
): { own: Record<string, string>; switches: Set<string>; params: EngineParams } {
  const raw = dict<string>();
  const own = dict<string>();
  const switches = new Set<string>();
  const valued = new Set(['query', ...spec.valued]);
  let query = '';
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k];
    if (!arg.startsWith('--'))
      throw new UsageError(`unexpected argument '${arg}'; flags look like --lr 0.01 (see --help)`);
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    if (spec.switches.includes(name)) {
      switches.add(name);
      continue;
    }
    if (!valued.has(name) && !isParamKey(name)) {
      const near = PARAM_TABLE.find((r) => r.key.toLowerCase() === name.toLowerCase());
      throw new UsageError(
        `unknown flag --${name}${near ? ` (did you mean --${near.key}?)` : ''}; see --help`,
      );
    }
    let value: string;
    if (eq > 0) value = arg.slice(eq + 1);
    else {
      if (k + 1 >= argv.length) throw new UsageError(`--${name} needs a value`);
      // "--lr --T 5": the value of --lr is missing, not '--T' (negative numbers have one dash: --a0 -0.5)
      if (argv[k + 1].startsWith('--'))
        throw new UsageError(`--${name} needs a value (got the flag ${argv[k + 1]} next)`);
      value = argv[++k];
    }
    if (name === 'query') query = value;
    else if (valued.has(name)) own[name] = value;
    else raw[name] = value;
  }
  // the app's own reading of the link: the same view keys and the same notices (v=2, present=2, hide=bogus…)
  const fromQuery = splitQuery(query);
  if (fromQuery.notices.length) throw new UsageError(`--query: ${fromQuery.notices[0].problem}`);
  const { params, notices } = resolveParams(Object.assign(dict<string>(), fromQuery.paramRaw, raw));
  if (notices.length) throw new UsageError(notices[0].problem);
  return { own, switches, params };
}

/** A --threads value: 1 to this machine's cores. */
export function parseThreads(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > MAX_THREADS)
    throw new UsageError(
      `threads: '${value}' is not allowed; allowed: a whole number from 1 to ${MAX_THREADS} (this machine's cores)`,
    );
  return Number(value);
}

/** Parses `--name value`, `--name=value`, `--query "<url query>"`, `--out file`, `--script file`, `--threads N`, `--help`. */
export function parseArgs(argv: string[]): CliOptions {
  const { own, switches, params } = readFlags(argv, {
    valued: ['out', 'script', 'threads'],
    switches: ['help'],
  });
  const threads = own.threads === undefined ? Math.min(2, MAX_THREADS) : parseThreads(own.threads);
  const outGiven = own.out !== undefined;
  const out = own.out ?? 'run.json';
  const script = own.script ?? null;
  if (script === '-' && outGiven && out === '-')
    throw new UsageError('--script - and --out - would both write to stdout; give one of them a file');
  return { params, out, outGiven, script, help: switches.has('help'), threads };
}

/** The parameters' lines of a --help text. */
export function paramHelpLines(): string[] {
  const defaults = defaultParams() as unknown as Record<string, never>;
  return PARAM_TABLE.map(
    (row) =>
      `  --${row.key.padEnd(11)} ${formatValue(ROWS[row.key as ParamKey], defaults[row.key]).padEnd(14)} ${describeAllowed(row)}`,
  );
}

export function helpText(): string {
  const lines = [
    'Usage: npm run simulate -- [--name value …] [--query "<app URL query>"] [--out run.json|-] [--threads N]',
    '                           [--script replay.py|-]',
    '',
    'Trains every selected rule side by side and writes the run file (the same JSON the app downloads).',
    'Flags override --query. --threads splits the seeds over worker threads (default: up to 2; same numbers).',
    '--script writes the numpy script that replays a run file (python3 replay.py run.json) and exits; with',
    '--out as well it also trains and writes that run file.',
    'Parameters (default; allowed):',
    ...paramHelpLines(),
  ];
  return lines.join('\n');
}
