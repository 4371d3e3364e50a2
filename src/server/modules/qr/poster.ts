import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { renderPdf } from '../../lib/pdf.js';
import { qrSvg } from '../../lib/qr.js';

export interface PosterInput {
  agencyName: string;
  headline: string;
  url: string;
}

/** A4 in points. */
const PAGE_WIDTH = 595.28;
const MARGIN = 56;
const QR_SIZE = 400;

/**
 * The printable poster (issue 8 p. 3, seed 004 p. 11): who asks, what for, the code large enough to
 * scan from a step away, and the address in words for those who type it. The code is vector (SVG),
 * so it stays sharp on any printer.
 */
export async function posterPdf(input: PosterInput): Promise<Buffer> {
  const definition: TDocumentDefinitions = {
    pageSize: 'A4',
    pageMargins: MARGIN,
    info: { title: `${input.headline} — ${input.agencyName}`, author: input.agencyName },
    defaultStyle: { font: 'Roboto', alignment: 'center' },
    content: [
      { text: input.agencyName, fontSize: 16, margin: [0, 8, 0, 28] },
      { text: input.headline, fontSize: 26, bold: true, margin: [0, 0, 0, 14] },
      {
        text: 'Наведите камеру телефона на код — страница откроется на сайте',
        fontSize: 14,
        color: '#444444',
      },
      {
        svg: await qrSvg(input.url),
        width: QR_SIZE,
        // Centred by hand: pdfmake aligns text, not drawings.
        margin: [(PAGE_WIDTH - 2 * MARGIN - QR_SIZE) / 2, 24, 0, 16],
      },
      { text: input.url, link: input.url, fontSize: 15, color: '#1c4e80' },
    ],
  };
  return renderPdf(definition);
}
