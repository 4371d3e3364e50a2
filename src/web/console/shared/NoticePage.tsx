import { Alert, Anchor } from '@mantine/core';
import { Link } from 'react-router';
import { PageHeader } from './PageHeader';

interface NoticePageProps {
  title: string;
  text: string;
  homeLabel: string;
  color: string;
}

/** A page that only says why there is nothing to show, with a link back to the home page. */
export function NoticePage({ title, text, homeLabel, color }: NoticePageProps) {
  return (
    <>
      <PageHeader title={title} />
      <Alert color={color}>
        {text}{' '}
        <Anchor component={Link} to="/">
          {homeLabel}
        </Anchor>
      </Alert>
    </>
  );
}
