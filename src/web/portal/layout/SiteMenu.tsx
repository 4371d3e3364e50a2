import { Container } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { agencyPath, SITE_PAGES } from '../navigation/siteStructure';
import { useSiteMenu } from '../site/siteApi';
import classes from './SiteMenu.module.css';

/** The menu with the site's structure; the current page is marked by aria-current and a bar. */
export function SiteMenu({ slug }: { slug: string }) {
  const { t } = useTranslation('portal');
  const sections = useSiteMenu(slug);
  return (
    <nav aria-label={t('menu.label')} className={classes.bar}>
      <Container size="xl">
        <ul className={classes.list}>
          {SITE_PAGES.map((page) => (
            <li key={page.key}>
              <NavLink to={agencyPath(slug, page.path)} end className={classes.link}>
                {t(`menu.${page.key}`)}
              </NavLink>
            </li>
          ))}
          {/* The site's own sections; contacts already have their page above (the touchpoint registry). */}
          {(sections.data ?? [])
            .filter((section) => section.kind !== 'contacts')
            .map((section) => (
              <li key={section.slug}>
                <NavLink to={agencyPath(slug, section.slug)} className={classes.link}>
                  {section.title}
                </NavLink>
              </li>
            ))}
        </ul>
      </Container>
    </nav>
  );
}
