import type { ImgHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { A11Y_NAMESPACE } from './i18n';

type Props = ImgHTMLAttributes<HTMLImageElement> & { alt: string };

/**
 * An image that, when the visitor turns images off in the version for the visually impaired,
 * is replaced by its text alternative (the CSS swaps the two; screen readers meet only one).
 */
export function AccessibleImage({ alt, ...imageProps }: Props) {
  const { t } = useTranslation(A11Y_NAMESPACE);
  return (
    <>
      <img alt={alt} {...imageProps} />
      {alt && <span className="a11y-image-alt">{t('imageAlt', { alt })}</span>}
    </>
  );
}
