import { Anchor, FileInput, Group, List, Stack, Text } from '@mantine/core';
import { IconPaperclip } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ACCEPT, checkFiles, sizeText } from '../../../common/attachments';
import { DeleteAction } from '../shared/RowActions';
import { attachmentUrl, type KbFile, useRemoveKbFile, useUploadKbFiles } from './kbQueries';

/** An article's files as download links; those who may edit the article add and remove them. */
export function ArticleFiles({
  articleId,
  files,
  canEdit,
}: {
  articleId: string;
  files: KbFile[];
  canEdit: boolean;
}) {
  const { t } = useTranslation('console');
  const upload = useUploadKbFiles(articleId);
  const remove = useRemoveKbFile(articleId);
  const [error, setError] = useState<string | null>(null);

  const attach = (chosen: File[]) => {
    setError(null);
    if (chosen.length === 0) return;
    const problem = checkFiles(chosen);
    if (problem) return setError(t(`attachments.errors.${problem.key}`, problem.values));
    upload.mutate(chosen, { onError: (failure) => setError(failure.message) });
  };

  return (
    <Stack gap="xs">
      {files.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('kb.article.noFiles')}
        </Text>
      ) : (
        <List spacing={4} listStyleType="none" aria-label={t('kb.article.files')}>
          {files.map((file) => (
            <List.Item key={file.id}>
              <Group gap={6} wrap="nowrap">
                <IconPaperclip size={16} aria-hidden />
                <Anchor
                  href={attachmentUrl(articleId, file.id)}
                  download={file.name}
                  style={{ overflowWrap: 'anywhere' }}
                >
                  {file.name}
                </Anchor>
                <Text size="sm" c="dimmed">
                  {sizeText(file.size)}
                </Text>
                {canEdit && (
                  <DeleteAction
                    subject={file.name}
                    label={t('attachments.remove')}
                    onClick={() =>
                      remove.mutate(file.id, { onError: (failure) => setError(failure.message) })
                    }
                  />
                )}
              </Group>
            </List.Item>
          ))}
        </List>
      )}
      {canEdit && (
        <FileInput
          label={t('kb.article.upload')}
          description={t('attachments.hint')}
          multiple
          accept={ACCEPT}
          value={[]}
          onChange={attach}
          error={error}
          disabled={upload.isPending}
          clearable={false}
        />
      )}
    </Stack>
  );
}
