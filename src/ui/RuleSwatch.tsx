// A small line sample in a rule's colour and dash pattern (legends in tables and text).
// May import: ./rule-style.
import { RULE_STYLE } from './rule-style';

const DASH_SVG: Record<string, string> = {
  solid: '',
  dash: '6 4',
  dot: '2 3',
  dashdot: '6 3 2 3',
  longdash: '10 4',
};

export function RuleSwatch({ rule }: { rule: keyof typeof RULE_STYLE }) {
  const style = RULE_STYLE[rule];
  return (
    <svg className="swatch" width="28" height="10" aria-hidden="true">
      <line
        x1="1"
        y1="5"
        x2="27"
        y2="5"
        stroke={style.color}
        strokeWidth="3"
        strokeDasharray={DASH_SVG[style.dash]}
      />
    </svg>
  );
}
