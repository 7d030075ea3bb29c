// The guided card of the chosen preset: predict before Play, what to look at, what it means (folded, so the
// prediction comes first), and "Show me", which switches the chart on if it is hidden, draws it large and
// highlights it.
// May import: react, state (presets, guides, url), ../Dialog, ../ChartsMenu (labels), ../store-context, ./show-chart.
import { CHART_IDS } from '../../state/url';
import { PRESET_GUIDES } from '../../state/preset-guides';
import { presetById } from '../../state/presets';
import { CHART_LABEL } from '../ChartsMenu';
import { Dialog } from '../Dialog';
import { useAppStore } from '../store-context';
import { showChart } from './show-chart';

interface Props {
  /** the preset whose card is open ('' when none) */
  presetId: string;
  open: boolean;
  onClose(): void;
}

export function GuideDialog({ presetId, open, onClose }: Props) {
  const charts = useAppStore((s) => s.view.charts);
  const setCharts = useAppStore((s) => s.setCharts);
  const preset = presetById(presetId);
  const guide = PRESET_GUIDES[presetId];
  if (!preset || !guide) return null;
  const showMe = () => {
    // switched on in the default order (as the charts menu does) and drawn large: it is the one to look at
    setCharts(
      CHART_IDS.filter((c) => c === guide.chart || charts.includes(c)),
      guide.chart,
    );
    onClose();
    showChart(guide.chart);
  };
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={`Guide: ${preset.label}`}
      testId="guide-panel"
      className="guide-dialog"
    >
      <h3>Predict</h3>
      <p data-testid="guide-predict">{guide.predict}</p>
      <h3>Look at</h3>
      <p data-testid="guide-look">{guide.look}</p>
      <details data-testid="guide-means">
        <summary>What it means (after the run)</summary>
        <p>{guide.means}</p>
      </details>
      <p>
        <button type="button" data-testid="guide-show-me" onClick={showMe}>
          Show me: {CHART_LABEL[guide.chart]}
        </button>
      </p>
    </Dialog>
  );
}
