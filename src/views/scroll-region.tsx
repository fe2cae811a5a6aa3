import type { ComponentChildren } from 'preact';

interface ScrollRegionProps {
  /** The id of the heading that names the region (its table's title). */
  readonly labelledBy: string;
  readonly children: ComponentChildren;
  readonly class?: string;
}

/**
 * A wide table's horizontal scroll box. A keyboard user can only scroll a
 * box they can reach, and a screen reader announces it by name: the box is
 * a region (a named section) in the tab order (axe's
 * "scrollable-region-focusable").
 */
export function ScrollRegion({ labelledBy, children, class: className }: ScrollRegionProps) {
  return (
    <section
      class={className ? `table-wrap ${className}` : 'table-wrap'}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a box that scrolls must be reachable by keyboard (WCAG 2.1.1)
      tabIndex={0}
      aria-labelledby={labelledBy}
    >
      {children}
    </section>
  );
}
