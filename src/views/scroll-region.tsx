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
 * a labelled region in the tab order (axe's "scrollable-region-focusable").
 */
export function ScrollRegion({ labelledBy, children, class: className }: ScrollRegionProps) {
  return (
    <div
      class={className ? `table-wrap ${className}` : 'table-wrap'}
      role="region"
      tabIndex={0}
      aria-labelledby={labelledBy}
    >
      {children}
    </div>
  );
}
