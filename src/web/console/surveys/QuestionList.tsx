import { Badge, Group, List, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SurveyQuestion } from '../../../common/surveys';

/** The form as respondents see it, with the paper codes the operators type in by. */
export function QuestionList({ questions }: { questions: SurveyQuestion[] }) {
  const { t } = useTranslation('console');
  return (
    <List type="ordered" spacing="md">
      {questions.map((question) => (
        <List.Item key={question.id}>
          <Stack gap={4}>
            <Group gap="xs">
              {question.code && <Badge variant="outline">({question.code})</Badge>}
              <Text fw={600}>{question.text}</Text>
            </Group>
            <Text size="sm" c="dimmed">
              {t(`surveys.types.${question.type}`)}
              {question.required ? ` · ${t('surveys.required')}` : ''}
              {question.showWhen
                ? ` · ${t('surveys.followUp', { values: question.showWhen.values.join(', ') })}`
                : ''}
            </Text>
            {question.rows && (
              <Text size="sm">
                {question.rows.map((row) => (row.code ? `(${row.code}) ${row.label}` : row.label)).join('; ')}
              </Text>
            )}
            {question.options && question.options.length <= 12 && (
              <Text size="sm">{question.options.map((o) => `${o.id}. ${o.label}`).join('; ')}</Text>
            )}
          </Stack>
        </List.Item>
      ))}
    </List>
  );
}
