import { Button, Group, Radio, Stack, Table, Text } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConsoleModal } from '../shared/ConsoleModal';
import { ErrorAlert } from '../shared/ErrorAlert';
import { type PollChannel, usePollAudience, usePolls, useSendPoll } from './analyticsQueries';

const day = new Intl.DateTimeFormat('ru-RU', { day: '2-digit', month: '2-digit', year: 'numeric' });

/** «Разослать опрос» (issue 8 p. 3): the audience is counted before sending; progress follows the outbox. */
export function PollDialog({ surveyId }: { surveyId: string }) {
  const { t } = useTranslation('console');
  const [opened, setOpened] = useState(false);
  const [channel, setChannel] = useState<PollChannel>('email');
  const audience = usePollAudience(surveyId, channel, opened);
  const polls = usePolls(surveyId, opened);
  const send = useSendPoll(surveyId);
  const count = audience.data?.count ?? 0;
  return (
    <>
      <Button leftSection={<IconSend size={16} aria-hidden />} onClick={() => setOpened(true)}>
        {t('surveys.polls.open')}
      </Button>
      <ConsoleModal
        opened={opened}
        onClose={() => setOpened(false)}
        title={t('surveys.polls.title')}
        size="lg"
      >
        <Stack>
          <Radio.Group
            label={t('surveys.polls.channel')}
            value={channel}
            onChange={(value) => setChannel(value as PollChannel)}
          >
            <Group mt="xs">
              <Radio value="email" label={t('surveys.polls.email')} />
              <Radio value="sms" label={t('surveys.polls.sms')} />
            </Group>
          </Radio.Group>
          <Text aria-live="polite">
            {audience.isPending ? t('surveys.polls.counting') : t('surveys.polls.audience', { count })}
          </Text>
          {send.isError && <ErrorAlert error={send.error} title={t('surveys.polls.failed')} />}
          <Group justify="flex-end">
            <Button onClick={() => send.mutate(channel)} loading={send.isPending} disabled={count === 0}>
              {t('surveys.polls.send', { count })}
            </Button>
          </Group>
          {(polls.data?.length ?? 0) > 0 && (
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('surveys.polls.date')}</Table.Th>
                  <Table.Th scope="col">{t('surveys.polls.channel')}</Table.Th>
                  <Table.Th scope="col">{t('surveys.polls.progress')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {polls.data?.map((poll) => (
                  <Table.Tr key={poll.id}>
                    <Table.Td>{day.format(new Date(poll.createdAt))}</Table.Td>
                    <Table.Td>{t(`surveys.polls.${poll.channel}`)}</Table.Td>
                    <Table.Td>
                      {t('surveys.polls.sent', {
                        sent: poll.sent,
                        audience: poll.audience,
                        failed: poll.failed,
                      })}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      </ConsoleModal>
    </>
  );
}
