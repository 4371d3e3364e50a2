import { Badge, Button, Group, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SITE_IMAGE_ALT_MAX } from '../../../common/site';
import { type SiteFile, useSaveAltText } from './siteQueries';

/** Whether the portal shows the file as a picture, which then needs words for those who cannot see it. */
export const isImageFile = (file: SiteFile) => file.contentType.startsWith('image/');

/**
 * The text alternative of a publication's image (ГОСТ Р 52872-2019, WCAG 1.1.1). Until it is
 * given the portal reads out the file name, so the image is flagged «Нет описания».
 */
export function ImageAltText({ publicationId, file }: { publicationId: string; file: SiteFile }) {
  const { t } = useTranslation('console');
  const save = useSaveAltText(publicationId, file.id);
  const [value, setValue] = useState(file.altText ?? '');
  useEffect(() => setValue(file.altText ?? ''), [file.altText]);
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate(value);
      }}
    >
      <Group align="flex-end" gap="xs" wrap="nowrap">
        <TextInput
          label={t('site.altText.label')}
          description={t('site.altText.hint', { name: file.fileName })}
          maxLength={SITE_IMAGE_ALT_MAX}
          value={value}
          onChange={(event) => setValue(event.currentTarget.value)}
          error={save.error?.message}
          style={{ flex: 1, minWidth: 0 }}
        />
        <Button
          type="submit"
          variant="light"
          loading={save.isPending}
          style={{ flexShrink: 0 }}
          aria-label={t('site.altText.saveFor', { name: file.fileName })}
        >
          {t('site.altText.save')}
        </Button>
      </Group>
    </form>
  );
}

/** The flag on an image the portal has no description for; in words, not by colour alone. */
export function MissingAltBadge() {
  const { t } = useTranslation('console');
  return (
    <Badge color="yellow.6" c="black" variant="filled" tt="none">
      {t('site.altText.missing')}
    </Badge>
  );
}
