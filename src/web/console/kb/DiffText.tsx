import { Text } from '@mantine/core';
import type { CSSProperties } from 'react';
import type { DiffPart } from './kbQueries';

const TAGS = { added: 'ins', removed: 'del', same: 'span' } as const;
const STYLES: Record<DiffPart['kind'], CSSProperties | undefined> = {
  // The text keeps its own colour for contrast; the tint and the line mark the change.
  added: { background: 'var(--mantine-color-green-1)' },
  removed: { background: 'var(--mantine-color-red-1)' },
  same: undefined,
};

/**
 * A word diff as text with insertions and deletions marked by <ins>/<del>, so screen readers
 * announce them and the difference does not rest on colour alone (strike-through, underline).
 */
export function DiffText({ parts, label }: { parts: DiffPart[]; label: string }) {
  return (
    <Text component="div" size="sm" style={{ whiteSpace: 'pre-wrap' }} aria-label={label}>
      {parts.map((part, index) => {
        const Tag = TAGS[part.kind];
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts have no identity but their order
          <Tag key={index} style={STYLES[part.kind]}>
            {part.text}
          </Tag>
        );
      })}
    </Text>
  );
}
