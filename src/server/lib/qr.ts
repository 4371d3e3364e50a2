import QRCode from 'qrcode';

// Level M survives a smudge or a fold on a printed poster and keeps the code coarse enough for old phones.
const ERROR_CORRECTION = 'M';
/** The quiet zone scanners need around a code, in modules (the standard's minimum is 4). */
const MARGIN = 4;

/** A QR code of `text` as PNG, `width` pixels square. */
export function qrPng(text: string, width = 512): Promise<Buffer> {
  return QRCode.toBuffer(text, {
    type: 'png',
    errorCorrectionLevel: ERROR_CORRECTION,
    margin: MARGIN,
    width,
  });
}

/** The same code as SVG: sharp at any size, on a screen or in print. */
export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: ERROR_CORRECTION, margin: MARGIN });
}
