// The parameter controls, generated from the table: grouped, minus rows for the other task and rows hidden
// by the link's hide=. May import: state, ./ParamControl, ../store-context.
import type { ParamRow } from '../../state/param-codecs';
import { PARAM_TABLE } from '../../state/params';
import { useAppStore } from '../store-context';
import { ParamControl } from './ParamControl';

const GROUPS: { group: ParamRow['group']; title: string }[] = [
  { group: 'task', title: 'Task and sizes' },
  { group: 'aligned', title: 'Aligned task: per-mode values' },
  { group: 'random', title: 'Random teacher and init' },
  { group: 'rules', title: 'Learning rules' },
  { group: 'training', title: 'Training' },
  { group: 'analysis', title: 'Analysis' },
];

export function ParamPanel() {
  const task = useAppStore((s) => s.params.task);
  const hidden = useAppStore((s) => s.view.hide);
  const rows = (PARAM_TABLE as readonly ParamRow[]).filter(
    (r) => !hidden.includes(r.key) && (!r.task || r.task === task),
  );
  return (
    // open by default everywhere, so Tab reaches every control; on a phone one tap on the summary folds it
    <details className="param-panel" open>
      <summary>
        <h2>Parameters</h2>
      </summary>
      <p className="panel-hint">
        A change restarts training from step 0 (and keeps playing if it was). Values outside a control’s range
        are refused.
      </p>
      {GROUPS.map(({ group, title }) => {
        const members = rows.filter((r) => r.group === group);
        if (!members.length) return null;
        return (
          <section key={group} className="param-group" aria-label={title}>
            <h3>{title}</h3>
            {members.map((row) => (
              <ParamControl key={row.key} row={row} />
            ))}
          </section>
        );
      })}
    </details>
  );
}
