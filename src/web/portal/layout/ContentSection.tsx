import { Paper, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { SectionId } from '../navigation/siteStructure';
import classes from './ContentSection.module.css';

interface Props {
  id: SectionId;
  title: string;
  /** Drawn as a card; plain sections sit on the page background. */
  card?: boolean;
  children: ReactNode;
}

/** A section of a page under its <h2>; the id lets the site map link straight to it. */
export function ContentSection({ id, title, card = true, children }: Props) {
  const body = (
    <>
      <Title order={2} id={id} tabIndex={-1} className={classes.heading}>
        {title}
      </Title>
      {children}
    </>
  );
  return (
    <section aria-labelledby={id} className={classes.section}>
      {card ? (
        <Paper withBorder radius="md" p="lg" className={classes.card}>
          {body}
        </Paper>
      ) : (
        body
      )}
    </section>
  );
}
