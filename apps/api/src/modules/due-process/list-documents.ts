import { PDFDocument, PDFFont, PDFPage, StandardFonts, rgb } from 'pdf-lib';
import { formatHumanTime } from '@app/domain';
import { toPrintableXlsx } from '../../common/xlsx';
import { WatermarkFont, collectionAwareFontkit } from '../files/files.public';

// The published list (公示名单) as documents in the official layout: a
// title, the period and the contacts, the table, then the organiser and the
// date. The PDF uses the same CJK font the files module stamps judges' copies
// with (WATERMARK_FONT or a Debian CJK font); without one it writes Latin only.

export interface ListDocument {
  title: string;
  competitionName: string;
  heatName: string;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  organiserContact: string;
  supervisorContact: string;
  final: boolean;
  columns: string[];
  rows: (string | number)[][];
  issuedAt: Date;
}

const STANDING_ZH: Record<string, string> = {
  ADVANCED: '晋级',
  ELIMINATED: '未晋级',
  AWARDED: '获奖',
  WITHDRAWN: '弃赛',
  DISQUALIFIED: '取消资格',
  FAILED_DILIGENCE: '尽调未通过',
  OFFERED: '递补待确认',
  SUBSTITUTED: '递补晋级',
};
export const standingZh = (s: string) => STANDING_ZH[s] ?? s;

export async function listXlsx(doc: ListDocument): Promise<Buffer> {
  return toPrintableXlsx([
    {
      name: doc.heatName,
      title: doc.title,
      subtitle: [
        `公示期：${formatHumanTime(doc.startsAt, doc.timeZone, 'zh')} 至 ${formatHumanTime(doc.endsAt, doc.timeZone, 'zh')}${doc.final ? '（已结束，结果确定）' : ''}`,
        `组委会联系方式：${doc.organiserContact}  监督电话：${doc.supervisorContact}`,
      ],
      headers: doc.columns,
      rows: doc.rows,
      footer: [`${doc.competitionName}组委会`, formatHumanTime(doc.issuedAt, doc.timeZone, 'zh')],
    },
  ]);
}

export async function listPdf(doc: ListDocument, font: WatermarkFont): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(doc.title);
  pdf.setCreator('roadshow-backend');
  let face: PDFFont;
  const cjk = !!font.bytes;
  if (font.bytes) {
    pdf.registerFontkit(collectionAwareFontkit);
    face = await pdf.embedFont(font.bytes, { subset: true });
  } else {
    face = await pdf.embedFont(StandardFonts.Helvetica);
  }
  // Without a Chinese font only ASCII can be drawn.
  const t = (s: string | number) => (cjk ? String(s) : String(s).replace(/[^\x20-\x7e]/g, '?'));
  const [W, H] = [595.28, 841.89]; // A4 portrait
  const margin = 48;
  const widths = columnWidths(doc.columns.length, W - 2 * margin);
  let page: PDFPage = pdf.addPage([W, H]);
  let y = H - margin;
  const line = (text: string, size: number, opts: { center?: boolean; right?: boolean } = {}) => {
    const w = face.widthOfTextAtSize(t(text), size);
    const x = opts.center ? (W - w) / 2 : opts.right ? W - margin - w : margin;
    page.drawText(t(text), { x, y, size, font: face, color: rgb(0, 0, 0) });
    y -= size * 1.7;
  };
  const fit = (text: string, width: number, size: number) => {
    let s = t(text);
    while (s.length > 1 && face.widthOfTextAtSize(s, size) > width - 6) s = s.slice(0, -1);
    return s;
  };
  const row = (cells: (string | number)[], bold: boolean) => {
    const size = 10;
    const h = 20;
    if (y - h < margin + 60) {
      page = pdf.addPage([W, H]);
      y = H - margin;
    }
    let x = margin;
    cells.forEach((c, i) => {
      page.drawRectangle({
        x,
        y: y - h + 14,
        width: widths[i],
        height: h,
        borderColor: rgb(0, 0, 0),
        borderWidth: 0.6,
        color: bold ? rgb(0.92, 0.92, 0.92) : undefined,
      });
      page.drawText(fit(String(c), widths[i], size), {
        x: x + 3,
        y: y - h + 20,
        size,
        font: face,
      });
      x += widths[i];
    });
    y -= h;
  };
  line(doc.title, 18, { center: true });
  y -= 6;
  line(
    `公示期：${formatHumanTime(doc.startsAt, doc.timeZone, 'zh')} 至 ${formatHumanTime(doc.endsAt, doc.timeZone, 'zh')}${doc.final ? '（已结束，结果确定）' : ''}`,
    10,
  );
  line(`组委会联系方式：${doc.organiserContact}`, 10);
  line(`监督电话：${doc.supervisorContact}`, 10);
  y -= 8;
  row(doc.columns, true);
  for (const r of doc.rows) row(r, false);
  y -= 30;
  line(`${doc.competitionName}组委会`, 12, { right: true });
  line(formatHumanTime(doc.issuedAt, doc.timeZone, 'zh'), 11, { right: true });
  return pdf.save();
}

// 序号 narrow, 项目名称 and 单位 wide, the rest even.
function columnWidths(n: number, total: number): number[] {
  const weights = [0.6, 2.6, 2.4, 1, 1, 1.4].slice(0, n);
  while (weights.length < n) weights.push(1);
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => (w / sum) * total);
}
