import { Badge, Button, Group, NavLink, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AddButton } from '../shared/AddButton';
import { useAgencyTimezone } from '../shared/agencyTime';
import { todayIn } from '../shared/localDays';
import { DeleteAction, EditAction } from '../shared/RowActions';
import type { KbSection } from './kbQueries';

interface SectionsPanelProps {
  sections: KbSection[];
  selected: string | null;
  onSelect: (id: string | null) => void;
  /** Administrators and knowledge-base editors lay out the sections. */
  manage: boolean;
  onAdd: () => void;
  onEdit: (section: KbSection) => void;
  /** Only an empty section may go; the server refuses any other with 409. */
  onDelete: (section: KbSection) => void;
}

/** The sections with their owner, review due date and counts; choosing one filters the articles. */
export function SectionsPanel(props: SectionsPanelProps) {
  const { t, i18n } = useTranslation('console');
  const date = (iso: string) => new Date(`${iso}T00:00:00`).toLocaleDateString(i18n.language);
  const today = todayIn(useAgencyTimezone());
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Text fw={700}>{t('kb.sections.title')}</Text>
        {props.manage && <AddButton label={t('kb.sections.add')} onClick={props.onAdd} />}
      </Group>
      <NavLink
        component="button"
        label={t('kb.sections.all')}
        active={props.selected === null}
        onClick={() => props.onSelect(null)}
        aria-current={props.selected === null ? 'true' : undefined}
      />
      {props.sections.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('kb.sections.empty')}
        </Text>
      )}
      {props.sections.map((section) => {
        const overdue = section.reviewDueOn < today;
        return (
          <Group key={section.id} gap={4} wrap="nowrap" align="flex-start">
            <NavLink
              component="button"
              style={{ flex: 1 }}
              active={props.selected === section.id}
              aria-current={props.selected === section.id ? 'true' : undefined}
              onClick={() => props.onSelect(section.id)}
              label={section.title}
              description={
                <>
                  {section.departmentName ?? t('kb.sections.noOwner')}
                  <br />
                  {t('kb.sections.counts', { count: section.articleCount, archived: section.archivedCount })}
                  {' · '}
                  <Text span size="xs" c={overdue ? 'red' : undefined}>
                    {t(overdue ? 'kb.sections.overdue' : 'kb.sections.due', {
                      date: date(section.reviewDueOn),
                    })}
                  </Text>
                </>
              }
              rightSection={
                section.starter ? (
                  <Badge size="xs" variant="light" color="gray">
                    {t('kb.starter')}
                  </Badge>
                ) : undefined
              }
            />
            {props.manage && (
              <Stack gap={4}>
                <EditAction
                  subject={section.title}
                  label={t('kb.sections.edit')}
                  tooltip
                  onClick={() => props.onEdit(section)}
                />
                {section.articleCount + section.archivedCount === 0 && (
                  <DeleteAction subject={section.title} tooltip onClick={() => props.onDelete(section)} />
                )}
              </Stack>
            )}
          </Group>
        );
      })}
      {props.selected && (
        <Button variant="subtle" size="xs" onClick={() => props.onSelect(null)}>
          {t('kb.sections.showAll')}
        </Button>
      )}
    </Stack>
  );
}
