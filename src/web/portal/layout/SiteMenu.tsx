import { Container } from '@mantine/core';
import { IconChevronDown } from '@tabler/icons-react';
import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useLocation } from 'react-router';
import { agencyPath, menuLayout, type SitePage } from '../navigation/siteStructure';
import { useSiteMenu } from '../site/siteApi';
import classes from './SiteMenu.module.css';

/**
 * A group of the menu as a disclosure (<details>): it opens without scripts and by keyboard; the
 * group is marked current when one of its pages is.
 */
function MenuGroup({ label, paths, children }: { label: string; paths: string[]; children: ReactNode }) {
  const { pathname } = useLocation();
  const current = paths.some((path) => pathname === path || pathname.startsWith(`${path}/`));
  const details = useRef<HTMLDetailsElement>(null);
  // The script's own navigation keeps the menu mounted: close the group once a page is chosen.
  useEffect(() => {
    if (details.current && pathname) details.current.open = false;
  }, [pathname]);
  return (
    <li className={classes.group}>
      <details ref={details} className={classes.details}>
        <summary className={classes.link} data-current={current || undefined}>
          {label} <IconChevronDown size="1rem" aria-hidden="true" className={classes.chevron} />
        </summary>
        <ul className={classes.dropdown}>{children}</ul>
      </details>
    </li>
  );
}

/** The menu with the site's structure; the current page is marked by aria-current and a bar. */
export function SiteMenu({ slug }: { slug: string }) {
  const { t } = useTranslation('portal');
  const sections = useSiteMenu(slug);
  const menu = menuLayout(sections.data ?? []);
  const pageLink = (page: SitePage) => (
    <li key={page.key}>
      <NavLink to={agencyPath(slug, page.path)} end className={classes.link}>
        {/* The full name is in the breadcrumbs and the heading; the menu has to fit one line. */}
        {t(page.key === 'contacts' ? 'menu.contactsShort' : `menu.${page.key}`)}
      </NavLink>
    </li>
  );
  const sectionLink = (section: { slug: string; title: string }) => (
    <li key={section.slug}>
      <NavLink to={agencyPath(slug, section.slug)} className={classes.link}>
        {section.title}
      </NavLink>
    </li>
  );
  return (
    <nav aria-label={t('menu.label')} className={classes.bar}>
      <Container size="xl">
        <ul className={classes.list}>
          {pageLink(menu.home)}
          {menu.news.map(sectionLink)}
          {menu.activity.length > 0 && (
            <MenuGroup
              label={t('menu.activity')}
              paths={menu.activity.map((section) => agencyPath(slug, section.slug).replace(/\/$/, ''))}
            >
              {menu.activity.map(sectionLink)}
            </MenuGroup>
          )}
          <MenuGroup
            label={t('menu.feedback')}
            paths={menu.feedback.map((page) => agencyPath(slug, page.path))}
          >
            {menu.feedback.map(pageLink)}
          </MenuGroup>
          {menu.after.map(pageLink)}
        </ul>
      </Container>
    </nav>
  );
}
