import { ActionIcon, Button, Group, Menu, TextInput } from '@mantine/core';
import { IconBookmark, IconDeviceFloppy, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { validateRequired } from '../auth/validation';
import { FormModal } from '../shared/FormModal';
import { collectErrors } from '../shared/fieldErrors';
import { useSaveForm } from '../shared/useSaveForm';
import { useDeleteView, useSavedViews, useSaveView } from './savedViewQueries';

interface SavedViewsMenuProps {
  /** The current filter as a URL query, saved under a name. */
  currentQuery: string;
  onOpen: (query: string) => void;
}

/** A staff member's own named views of the register: save the current filter, open or delete one. */
export function SavedViewsMenu({ currentQuery, onOpen }: SavedViewsMenuProps) {
  const { t } = useTranslation('console');
  const views = useSavedViews();
  const remove = useDeleteView();
  const [saving, setSaving] = useState(false);
  const items = views.data ?? [];

  return (
    <Group gap="xs">
      <Menu position="bottom-start" width={320}>
        <Menu.Target>
          <Button variant="default" leftSection={<IconBookmark size={16} aria-hidden />}>
            {t('savedViews.open', { count: items.length })}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {items.length === 0 && <Menu.Label>{t('savedViews.empty')}</Menu.Label>}
          {items.map((view) => (
            <Group key={view.id} gap={4} wrap="nowrap">
              <Menu.Item onClick={() => onOpen(view.query)}>{view.name}</Menu.Item>
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('savedViews.delete', { name: view.name })}
                onClick={() => remove.mutate(view.id)}
              >
                <IconTrash size={16} aria-hidden />
              </ActionIcon>
            </Group>
          ))}
        </Menu.Dropdown>
      </Menu>
      <Button
        variant="subtle"
        leftSection={<IconDeviceFloppy size={16} aria-hidden />}
        onClick={() => setSaving(true)}
      >
        {t('savedViews.save')}
      </Button>
      {saving && <SaveViewModal query={currentQuery} onClose={() => setSaving(false)} />}
    </Group>
  );
}

function SaveViewModal({ query, onClose }: { query: string; onClose: () => void }) {
  const { t } = useTranslation('console');
  const [name, setName] = useState('');
  const form = useSaveForm({
    mutation: useSaveView(),
    fields: ['name', 'query'],
    onSaved: onClose,
    savedMessage: (view) => t('savedViews.saved', { name: view.name }),
  });
  return (
    <FormModal
      title={t('savedViews.save')}
      onClose={onClose}
      onSubmit={() =>
        form.submit(collectErrors({ name: validateRequired(name, t) }), { name: name.trim(), query })
      }
      formError={form.formError}
      pending={form.pending}
    >
      <TextInput
        label={t('savedViews.name')}
        placeholder={t('savedViews.namePlaceholder')}
        required
        maxLength={80}
        value={name}
        error={form.errors.name}
        onChange={(event) => {
          form.clear('name');
          setName(event.currentTarget.value);
        }}
        data-autofocus
      />
    </FormModal>
  );
}
