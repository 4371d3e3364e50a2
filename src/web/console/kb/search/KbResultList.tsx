import { Badge, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { type KeyboardEvent, type Ref, useImperativeHandle, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, useAgencyTimezone } from '../../shared/agencyTime';
import { Highlighted } from './Highlighted';
import type { KbFound } from './kbSearchQueries';

export interface KbResultListHandle {
  focusFirst(): void;
}

interface KbResultListProps {
  items: KbFound[];
  onOpen: (item: KbFound) => void;
  label: string;
  ref?: Ref<KbResultListHandle>;
}

/** Search results as buttons; ↑/↓, Home and End move between them, Enter opens one. */
export function KbResultList({ items, onOpen, label, ref }: KbResultListProps) {
  const { t, i18n } = useTranslation('console');
  const timezone = useAgencyTimezone();
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const focus = (index: number) => buttons.current[Math.max(0, Math.min(items.length - 1, index))]?.focus();
  useImperativeHandle(ref, () => ({ focusFirst: () => focus(0) }));

  const move = (index: number) => (event: KeyboardEvent) => {
    const target = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: items.length - 1 }[event.key];
    if (target === undefined) return;
    event.preventDefault();
    focus(target);
  };

  return (
    <Stack component="ul" gap="xs" p={0} m={0} aria-label={label} style={{ listStyle: 'none' }}>
      {items.map((item, index) => (
        <li key={item.id}>
          <UnstyledButton
            ref={(element) => {
              buttons.current[index] = element;
            }}
            onClick={() => onOpen(item)}
            onKeyDown={move(index)}
            w="100%"
            p="sm"
            className="kb-result"
            style={{
              border: '1px solid var(--mantine-color-gray-3)',
              borderRadius: 'var(--mantine-radius-md)',
            }}
          >
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Text fw={600}>{item.title}</Text>
              <Badge variant="light" style={{ flexShrink: 0 }}>
                {t(`kbSearch.kinds.${item.kind}`)}
              </Badge>
            </Group>
            <Text size="xs" c="dimmed" mb={4}>
              {[item.sectionTitle, item.departmentName].filter(Boolean).join(' · ')}
            </Text>
            <Highlighted text={item.snippet} ranges={item.highlights} lineClamp={3} />
            <Text size="xs" c="dimmed" mt={4}>
              {t('kbSearch.used', { count: item.usageCount })} ·{' '}
              {t('kbSearch.updated', { date: formatDate(item.updatedAt, i18n.language, timezone) })}
            </Text>
          </UnstyledButton>
        </li>
      ))}
    </Stack>
  );
}
