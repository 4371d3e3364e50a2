import { ActionIcon, Popover, SimpleGrid, UnstyledButton } from '@mantine/core';
import { IconMoodSmile } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

// Seed 001 p. 6.2.5: emoji that show a positive attitude and "live" conversation. A curated set
// instead of a full picker library: it works offline, weighs nothing and has no odd choices.
const EMOJI = [
  '🙂',
  '😊',
  '😉',
  '😃',
  '🤗',
  '👍',
  '👌',
  '🙏',
  '👏',
  '🤝',
  '💪',
  '✅',
  '✨',
  '🎉',
  '🔥',
  '💡',
  '📌',
  '📎',
  '📄',
  '📅',
  '⏰',
  '📞',
  '✉️',
  '📍',
  '➡️',
  '⬇️',
  '❗',
  '❓',
  'ℹ️',
  '⭐',
  '❤️',
  '🌟',
  '🌞',
  '🌱',
  '🏢',
  '🚀',
];

/** A button opening a grid of emoji; arrow keys are not needed: Tab walks the grid in order. */
export function EmojiPicker({ onPick }: { onPick: (emoji: string) => void }) {
  const { t } = useTranslation('console');
  const [opened, setOpened] = useState(false);
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" withArrow trapFocus returnFocus>
      <Popover.Target>
        <ActionIcon
          variant="default"
          size="lg"
          aria-label={t('social.emoji')}
          aria-expanded={opened}
          onClick={() => setOpened((o) => !o)}
        >
          <IconMoodSmile size={20} aria-hidden />
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown>
        <SimpleGrid cols={6} spacing={4} role="group" aria-label={t('social.emoji')}>
          {EMOJI.map((emoji) => (
            <UnstyledButton
              key={emoji}
              aria-label={emoji}
              onClick={() => {
                onPick(emoji);
                setOpened(false);
              }}
              style={{ fontSize: 22, lineHeight: 1, padding: 6, borderRadius: 4, textAlign: 'center' }}
            >
              {emoji}
            </UnstyledButton>
          ))}
        </SimpleGrid>
      </Popover.Dropdown>
    </Popover>
  );
}
