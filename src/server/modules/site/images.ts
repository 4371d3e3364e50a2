import sharp, { type Sharp } from 'sharp';
import { type ImageVariantFormat, SITE_IMAGE_MAX_PIXELS, SITE_IMAGE_WIDTHS } from '../../../common/site.js';
import { Invalid } from '../../lib/errors.js';

const FIELD = 'body.files';

/** Images a browser shows as they are; a TIFF scan is shown only through its copies. */
export const BROWSER_IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/gif'];

const IMAGE_EXTENSIONS = /\.(jpe?g|png|gif|tiff?|webp|bmp|heic|avif)$/i;

export const isImage = (contentType: string) => contentType.startsWith('image/');

export interface ResizedImage {
  width: number;
  height: number;
  content: Buffer;
  format: ImageVariantFormat;
}

/**
 * A file named as a picture must be one: a PDF or a document saved as «фото.jpg» is refused rather
 * than published as a file the visitor expects to see as an image.
 */
export function checkImageName(name: string, contentType: string) {
  if (IMAGE_EXTENSIONS.test(name) && !isImage(contentType)) {
    throw new Invalid(
      FIELD,
      `Файл «${name}» назван как изображение, но изображением не является`,
      'not_an_image',
    );
  }
}

// Photos and scans without transparency go out as JPEG; drawings, screenshots and GIFs as PNG.
const fallbackFormat = (contentType: string, hasAlpha: boolean): ImageVariantFormat =>
  contentType === 'image/jpeg' || (contentType === 'image/tiff' && !hasAlpha) ? 'jpeg' : 'png';

/** The widths to make: the standard ones below the original's, and the original's own up to the largest. */
export function variantWidths(originalWidth: number): number[] {
  const largest = SITE_IMAGE_WIDTHS[SITE_IMAGE_WIDTHS.length - 1] ?? originalWidth;
  const below = SITE_IMAGE_WIDTHS.filter((width) => width < originalWidth);
  return [...new Set([...below, Math.min(originalWidth, largest)])];
}

const encode = (image: Sharp, format: ImageVariantFormat) => {
  if (format === 'webp') return image.webp({ quality: 80 });
  if (format === 'jpeg') return image.jpeg({ quality: 82, mozjpeg: true });
  return image.png({ compressionLevel: 9 });
};

/**
 * Resized copies of an uploaded image (issue 10 p. 7), each width as WebP and as JPEG or PNG.
 * The header's pixel count is checked before anything is decoded, and sharp enforces the same
 * limit while decoding, so a decompression bomb costs a header read. EXIF orientation is applied
 * and the metadata (a phone's GPS position among it) is not carried into the copies.
 */
export async function resizedVariants(
  name: string,
  contentType: string,
  content: Buffer,
): Promise<ResizedImage[]> {
  const unreadable = () =>
    new Invalid(FIELD, `Файл «${name}» повреждён или не читается как изображение`, 'image_unreadable');
  const options = { limitInputPixels: SITE_IMAGE_MAX_PIXELS, failOn: 'error' } as const;
  // metadata() reads the header alone, so it may see a bomb's size without the limit and say so.
  const meta = await sharp(content, { ...options, limitInputPixels: false })
    .metadata()
    .catch(() => {
      throw unreadable();
    });
  const { width, height } = meta.autoOrient ?? meta;
  if (!width || !height) throw unreadable();
  if (width * height > SITE_IMAGE_MAX_PIXELS) {
    throw new Invalid(
      FIELD,
      `Изображение «${name}» слишком большое: ${width} × ${height} точек (не больше ${SITE_IMAGE_MAX_PIXELS / 1_000_000} млн)`,
      'image_too_large',
    );
  }
  const fallback = fallbackFormat(contentType, meta.hasAlpha ?? false);
  const widths = variantWidths(width);
  const variants: ResizedImage[] = [];
  try {
    // The original is decoded once, to the largest copy's size; the smaller copies come from that.
    const largest = await sharp(content, options)
      .rotate()
      .resize({ width: widths.at(-1), withoutEnlargement: true })
      .raw()
      .toBuffer({ resolveWithObject: true });
    for (const target of widths) {
      for (const format of ['webp', fallback] as const) {
        const { data, info } = await encode(
          sharp(largest.data, { raw: largest.info }).resize({ width: target }),
          format,
        ).toBuffer({ resolveWithObject: true });
        variants.push({ width: info.width, height: info.height, content: data, format });
      }
    }
  } catch {
    throw unreadable();
  }
  return variants;
}
