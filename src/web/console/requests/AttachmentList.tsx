import { Anchor, Group, List, Text } from '@mantine/core';
import { IconPaperclip } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { sizeText } from '../../../common/attachments';
import { DeleteAction } from '../shared/RowActions';
import { attachmentUrl, type RequestAttachment } from './requestTypes';

/** Files as download links: the server sends them as attachments, never rendered inline. */
export function AttachmentList(props: {
  requestId: string;
  files: RequestAttachment[];
  emptyText: string;
  /** Offered for files that may still be taken back (an answer's, before it is sent). */
  onRemove?: (file: RequestAttachment) => void;
}) {
  const { t } = useTranslation('console');
  if (props.files.length === 0) {
    return (
      <Text c="dimmed" size="sm">
        {props.emptyText}
      </Text>
    );
  }
  return (
    <List spacing={4} listStyleType="none" aria-label={t('attachments.listLabel')}>
      {props.files.map((file) => (
        <List.Item key={file.id}>
          <Group gap={6} wrap="nowrap">
            <IconPaperclip size={16} aria-hidden />
            <Anchor
              href={attachmentUrl(props.requestId, file.id)}
              download={file.name}
              style={{ overflowWrap: 'anywhere' }}
            >
              {file.name}
            </Anchor>
            <Text size="sm" c="dimmed">
              {sizeText(file.size)}
            </Text>
            {props.onRemove && (
              <DeleteAction
                subject={file.name}
                label={t('attachments.remove')}
                onClick={() => props.onRemove?.(file)}
              />
            )}
          </Group>
        </List.Item>
      ))}
    </List>
  );
}
