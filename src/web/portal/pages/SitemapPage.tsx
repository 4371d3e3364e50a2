import { Anchor, Paper } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAgency } from '../layout/AgencyLayout';
import { PageHeading } from '../layout/PageHeading';
import { agencyPath, SITE_PAGES, type SitePage } from '../navigation/siteStructure';
import { useSiteMenu } from '../site/siteApi';
import classes from './SitemapPage.module.css';

/** The structure of the site as a nested list: pages, under each its sections, then the site's sections. */
export function SitemapPage() {
  const { t } = useTranslation('portal');
  const agency = useAgency();
  // The site's own sections (news, documents…), as in the menu; contacts are listed above.
  const siteSections = useSiteMenu(agency.slug);
  const sectionsOf = (page: SitePage) =>
    page.sections.filter((section) => section.id !== 'departments' || agency.departments.length > 0);

  return (
    <>
      <PageHeading
        title={t('menu.sitemap')}
        trail={[{ label: t('menu.home'), to: agencyPath(agency.slug) }]}
        siteName={agency.shortName}
      />
      <Paper withBorder radius="md" p="lg">
        <ul className={classes.tree}>
          {SITE_PAGES.map((page) => (
            <li key={page.key}>
              <Anchor component={Link} to={agencyPath(agency.slug, page.path)} fw={600}>
                {t(`menu.${page.key}`)}
              </Anchor>
              {sectionsOf(page).length > 0 && (
                <ul>
                  {sectionsOf(page).map((section) => (
                    <li key={section.id}>
                      <Anchor component={Link} to={`${agencyPath(agency.slug, page.path)}#${section.id}`}>
                        {t(section.title)}
                      </Anchor>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
          {(siteSections.data ?? [])
            .filter((section) => section.kind !== 'contacts')
            .map((section) => (
              <li key={section.slug}>
                <Anchor component={Link} to={agencyPath(agency.slug, section.slug)} fw={600}>
                  {section.title}
                </Anchor>
              </li>
            ))}
        </ul>
      </Paper>
    </>
  );
}
