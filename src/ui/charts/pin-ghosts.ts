// The pinned runs ready to draw, as the figure builders take them: each with its legend name against the current
// parameters. Pure. May import: state/pins, state/url, state/pins-slice types, ../plot/ghost-traces types.
import type { EngineParams } from '../../engine/params';
import { paramDifferences, pinLabel } from '../../state/pins';
import type { PinData } from '../../state/pins-slice';
import { readPinLink } from '../../state/url';
import type { Ghost } from '../plot/ghost-traces';

/** The pins in `pins` order whose curves are ready (a pin still computing, or failed, draws nothing yet). */
export function ghostsFor(
  params: EngineParams,
  pins: readonly string[],
  pinData: Readonly<Record<string, PinData>>,
): Ghost[] {
  return pins.flatMap((query, k) => {
    const data = pinData[query];
    const read = readPinLink(query);
    if (data?.status !== 'ready' || !read.ok) return [];
    return [
      {
        label: pinLabel(k, paramDifferences(params, read.params)),
        params: read.params,
        runs: data.runs,
        histories: data.histories,
      },
    ];
  });
}
