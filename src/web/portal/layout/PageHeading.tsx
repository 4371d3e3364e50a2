import { Anchor, Title } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import classes from './PageHeading.module.css';

export const PAGE_TITLE_ID = 'page-title';

interface Crumb {
  label: string;
  to: string;
}

interface Props {
  title: string;
  /** The pages above this one, from the home page down; the current page is added last. */
  trail: Crumb[];
  /** The current page's name in the breadcrumbs when it differs from the title. */
  crumb?: string;
  /** Appended to document.title, e.g. the agency's short name. */
  siteName: string;
}

/** Breadcrumbs, the page's <h1> and the matching document title (seed 000 p. 4.3). */
export function PageHeading({ title, trail, crumb = title, siteName }: Props) {
  const { t } = useTranslation('portal');
  useEffect(() => {
    document.title = title === siteName ? title : `${title} — ${siteName}`;
  }, [title, siteName]);

  return (
    <div className={classes.heading}>
      <nav aria-label={t('breadcrumbs.label')}>
        <ol className={classes.crumbs}>
          {trail.map((crumb) => (
            <li key={crumb.to}>
              <Anchor component={Link} to={crumb.to}>
                {crumb.label}
              </Anchor>
            </li>
          ))}
          <li aria-current="page">{crumb}</li>
        </ol>
      </nav>
      <Title order={1} id={PAGE_TITLE_ID} tabIndex={-1} className={classes.title}>
        {title}
      </Title>
    </div>
  );
}
