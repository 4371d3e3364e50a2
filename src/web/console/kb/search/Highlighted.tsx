import { Text } from '@mantine/core';
import type { ReactNode } from 'react';

// Black on a light yellow: the browser's default mark keeps the dimmed grey, under 4.5:1 on yellow.
const MARK_STYLE = { backgroundColor: 'var(--mantine-color-yellow-2)', color: 'var(--mantine-color-black)' };

interface HighlightedProps {
  text: string;
  ranges: [number, number][];
  lineClamp?: number;
}

/** Text with its matched words marked; built from ranges, so no markup from an article is ever rendered. */
export function Highlighted({ text, ranges, lineClamp }: HighlightedProps) {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start < at || end > text.length) continue;
    if (start > at) parts.push(text.slice(at, start));
    parts.push(
      <mark key={start} style={MARK_STYLE}>
        {text.slice(start, end)}
      </mark>,
    );
    at = end;
  }
  parts.push(text.slice(at));
  return (
    <Text size="sm" c="dimmed" lineClamp={lineClamp}>
      {parts}
    </Text>
  );
}
