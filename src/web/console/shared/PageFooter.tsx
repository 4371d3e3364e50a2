import { Group, Pagination, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface PageFooterProps {
  total: number;
  /** The server stopped counting at `total`. */
  totalIsLowerBound?: boolean;
  pages: number;
  page: number;
  onPage: (page: number) => void;
}

/** Record count and server-side page switcher under a paginated table. */
export function PageFooter({ total, totalIsLowerBound, pages, page, onPage }: PageFooterProps) {
  const { t } = useTranslation('console');
  return (
    <Group justify="space-between" mt="md">
      <Text size="sm" c="dimmed" aria-live="polite">
        {t(totalIsLowerBound ? 'pagination.totalMore' : 'pagination.total', { count: total })}
      </Text>
      <Pagination
        total={pages}
        value={page}
        onChange={onPage}
        hideWithOnePage
        getControlProps={(control) => ({ 'aria-label': t(`pagination.${control}`) })}
        getItemProps={(item) => ({ 'aria-label': t('pagination.page', { page: item }) })}
      />
    </Group>
  );
}
