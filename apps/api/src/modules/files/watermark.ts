import { PDFDocument, PDFFont, StandardFonts, degrees, rgb } from 'pdf-lib';
import { WatermarkFont, collectionAwareFontkit } from '../../common/cjk-font';

// 评审材料水印: every page a judge receives names the judge and the time, so a
// leaked copy names its source. Stamped on the server: the judge never gets
// an unstamped copy. The whole PDF is read to stamp it (pdf-lib has no
// streaming writer); FilesService bounds how many are stamped at once.

// The CJK font and fontkit's collection handling live in common/cjk-font.ts
// (the signed score sheets use them too).
export { collectionAwareFontkit, findWatermarkFont } from '../../common/cjk-font';
export type { WatermarkFont } from '../../common/cjk-font';

export interface Stamp {
  judgeName: string;
  judgeEmail: string;
  at: Date;
  timeZone: string;
}

function stampText(stamp: Stamp, cjk: boolean): string {
  const time = new Intl.DateTimeFormat('sv-SE', {
    timeZone: stamp.timeZone,
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(stamp.at);
  // Without a Chinese font only Latin text can be drawn: the email names the judge.
  return cjk
    ? `评审材料 仅供 ${stamp.judgeName} (${stamp.judgeEmail}) 评审 ${time}`
    : `Review copy for ${stamp.judgeEmail} ${time}`;
}

export async function watermarkPdf(
  pdf: Uint8Array,
  stamp: Stamp,
  font: WatermarkFont,
): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { ignoreEncryption: true, updateMetadata: false });
  let face: PDFFont;
  let cjk = false;
  if (font.bytes) {
    doc.registerFontkit(collectionAwareFontkit);
    face = await doc.embedFont(font.bytes, { subset: true });
    cjk = true;
  } else {
    face = await doc.embedFont(StandardFonts.Helvetica);
  }
  const text = stampText(stamp, cjk);
  for (const page of doc.getPages()) {
    const { width, height } = page.getSize();
    // Large enough to read on a phone, small enough to fit the diagonal.
    const diagonal = Math.hypot(width, height) * 0.8;
    const size = Math.max(8, Math.min(22, (diagonal / face.widthOfTextAtSize(text, 10)) * 10));
    const textWidth = face.widthOfTextAtSize(text, size);
    // A faint diagonal band across the middle, and a readable line at the foot.
    page.drawText(text, {
      x: Math.max(10, (width - textWidth * 0.7) / 2),
      y: height / 2 - (textWidth * 0.7) / 2,
      size,
      font: face,
      color: rgb(0.6, 0.6, 0.6),
      opacity: 0.35,
      rotate: degrees(45),
    });
    page.drawText(text, {
      x: 12,
      y: 10,
      size: 8,
      font: face,
      color: rgb(0.45, 0.45, 0.45),
      opacity: 0.8,
    });
  }
  return doc.save({ useObjectStreams: true });
}
