import { useTranslation } from 'react-i18next';
import type { ImageVariantFormat, SiteImage } from '../../../common/site';
import { A11Y_NAMESPACE } from '../../ui/accessibility/i18n';
import classes from './PublicationImage.module.css';
import { fileUrl, imageUrl } from './siteApi';

/** The publication's text column is at most 48rem wide; narrower screens give it the whole width. */
const SIZES = '(max-width: 48rem) 100vw, 48rem';

// Browsers show these as they are; anything else (a TIFF scan) only through its copies.
const SHOWN_AS_IS = ['image/jpeg', 'image/png', 'image/gif'];

export interface ImageFile {
  id: string;
  fileName: string;
  contentType: string;
  /** The editor's description; without one the file name is the only words about the picture. */
  altText: string | null;
  image: SiteImage | null;
}

/** Whether the page shows the file as a picture rather than listing it as a document. */
export const shownAsImage = (file: ImageFile) =>
  file.image !== null && (file.image.variants.length > 0 || SHOWN_AS_IS.includes(file.contentType));

/** «фасад_после-ремонта.jpg» → «фасад после ремонта»: the only words an upload gives about its picture. */
export const altOf = (fileName: string) =>
  fileName
    .replace(/\.[^.]+$/, '')
    .replace(/[_-]+/g, ' ')
    .trim();

/**
 * An image of a publication (issue 10 p. 7): the browser picks the copy that fits the screen,
 * WebP where it can; width and height keep the page from shifting as it loads, and it loads only
 * when scrolled near. With images off (version for the visually impaired) its text stands instead.
 */
export function PublicationImage({
  slug,
  publicationId,
  file,
}: {
  slug: string;
  publicationId: string;
  file: ImageFile;
}) {
  const { t } = useTranslation(A11Y_NAMESPACE);
  const alt = file.altText ?? altOf(file.fileName);
  const variants = file.image?.variants ?? [];
  const srcSet = (format: ImageVariantFormat | 'fallback') =>
    variants
      .filter((v) => (format === 'fallback' ? v.format !== 'webp' : v.format === format))
      .map((v) => `${imageUrl(slug, publicationId, file.id, v.width, v.format)} ${v.width}w`)
      .join(', ');
  const largest = variants.filter((v) => v.format !== 'webp').at(-1);
  const picture = largest ? (
    <picture>
      <source type="image/webp" srcSet={srcSet('webp')} sizes={SIZES} />
      <img
        src={imageUrl(slug, publicationId, file.id, largest.width, largest.format)}
        srcSet={srcSet('fallback')}
        sizes={SIZES}
        width={file.image?.width ?? undefined}
        height={file.image?.height ?? undefined}
        alt={alt}
        loading="lazy"
        decoding="async"
        className={classes.image}
      />
    </picture>
  ) : (
    // Uploaded before copies were made: the original, as it is.
    <img
      src={fileUrl(slug, publicationId, file.id)}
      alt={alt}
      loading="lazy"
      decoding="async"
      className={classes.image}
    />
  );
  return (
    <figure className={classes.figure}>
      {picture}
      {alt && <span className="a11y-image-alt">{t('imageAlt', { alt })}</span>}
    </figure>
  );
}
