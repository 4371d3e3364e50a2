import { Button } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';

/** A file the server builds (report, export), fetched by a plain link so the browser saves it. */
export function DownloadButton({ href, label }: { href: string; label: string }) {
  return (
    <Button
      component="a"
      href={href}
      download
      variant="default"
      leftSection={<IconDownload size={16} aria-hidden />}
    >
      {label}
    </Button>
  );
}
