import { Button, Group, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { SITE_SEARCH_MAX_QUERY } from '../../../common/site';
import { agencyPath } from '../navigation/siteStructure';

/** Seed 000 p. 4.2: a search field on every page, started by Enter or by the button. */
export function SiteSearchForm({ slug }: { slug: string }) {
  const { t } = useTranslation('portal');
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const current = params.get('q') ?? '';
  const [q, setQ] = useState(current);
  useEffect(() => setQ(current), [current]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const query = q.trim();
    if (query) navigate(`${agencyPath(slug, 'search')}?${new URLSearchParams({ q: query })}`);
  }

  return (
    <search aria-label={t('search.label')}>
      <form method="get" action={agencyPath(slug, 'search')} onSubmit={submit}>
        <Group gap="xs" wrap="nowrap" align="flex-end">
          <TextInput
            label={t('search.field')}
            name="q"
            type="search"
            value={q}
            maxLength={SITE_SEARCH_MAX_QUERY}
            onChange={(event) => setQ(event.currentTarget.value)}
            w={{ base: '100%', sm: 280 }}
          />
          <Button type="submit" leftSection={<IconSearch size="1rem" aria-hidden="true" />}>
            {t('search.submit')}
          </Button>
        </Group>
      </form>
    </search>
  );
}
