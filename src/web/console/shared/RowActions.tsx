import { ActionIcon, Group, Tooltip } from '@mantine/core';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

interface RowActionProps {
  /** The row the button acts on as people know it (a title, a name, a date). */
  subject: string;
  onClick: () => void;
  /** What the button does; the accessible name adds the subject: "Изменить: Телефон". */
  label?: string;
  /** Also show the label on hover. */
  tooltip?: boolean;
  loading?: boolean;
}

type Kind = 'edit' | 'delete';

function RowAction({
  kind,
  label,
  subject,
  onClick,
  tooltip,
  loading,
}: RowActionProps & { kind: Kind; label: string }) {
  const Glyph = kind === 'edit' ? IconPencil : IconTrash;
  const button = (
    <ActionIcon
      variant="subtle"
      color={kind === 'delete' ? 'red' : undefined}
      aria-label={`${label}: ${subject}`}
      loading={loading}
      onClick={onClick}
    >
      <Glyph size={18} aria-hidden />
    </ActionIcon>
  );
  return tooltip ? <Tooltip label={label}>{button}</Tooltip> : button;
}

/** A pencil button for one table row; "Изменить" unless labelled otherwise. */
export function EditAction(props: RowActionProps) {
  const { t } = useTranslation();
  return <RowAction kind="edit" {...props} label={props.label ?? t('actions.edit')} />;
}

/** A red bin button for one table row; "Удалить" unless labelled otherwise. */
export function DeleteAction(props: RowActionProps) {
  const { t } = useTranslation();
  return <RowAction kind="delete" {...props} label={props.label ?? t('actions.delete')} />;
}

interface RowActionsProps {
  subject: string;
  onEdit: () => void;
  onDelete: () => void;
  editLabel?: string;
  tooltip?: boolean;
}

/** Edit and delete buttons side by side in a table row. */
export function RowActions({ subject, onEdit, onDelete, editLabel, tooltip }: RowActionsProps) {
  return (
    <Group gap="xs" wrap="nowrap">
      <EditAction subject={subject} label={editLabel} tooltip={tooltip} onClick={onEdit} />
      <DeleteAction subject={subject} tooltip={tooltip} onClick={onDelete} />
    </Group>
  );
}
