// TeX rendered as MathML by temml (no fonts or CSS needed); part of the lazily loaded About chunk.
// May import: react, temml.
import { useLayoutEffect, useRef } from 'react';
import temml from 'temml';

/** Our own fixed TeX strings only (never user or URL input). */
export function Tex({ tex, display = false }: { tex: string; display?: boolean }) {
  const ref = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    if (ref.current) temml.render(tex, ref.current, { displayMode: display, throwOnError: false });
  }, [tex, display]);
  return <span ref={ref} className={display ? 'tex tex-display' : 'tex'} />;
}
