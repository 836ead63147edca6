import { Inject, Injectable } from '@nestjs/common';
import { PDFDocument, PDFFont, PDFPage, StandardFonts, rgb } from 'pdf-lib';
import { APP_CONFIG, AppConfig } from '@app/config';
import { Criterion, ExportLang, formatHumanTime, reportedTotal, zoneLabel } from '@app/domain';
import { CompetitionsService } from '../competitions/competitions.service';
import { WatermarkFont, collectionAwareFontkit, findWatermarkFont } from '../../common/cjk-font';
import { RoundsService } from '../judging/rounds.service';
import { SignOffService } from '../judging/sign-off.service';
import type { PrintableSheet, XlsxCell } from '../../common/xlsx';

export interface SignedSheet {
  title: string;
  fileName: string;
  competitionName: string;
  roundTitle: string;
  judgeName: string;
  headers: string[];
  rows: XlsxCell[][];
  signatureLine: string;
  signaturePng: Uint8Array | null;
  lang: ExportLang;
}

// A judge's signed 评分表 in a round, as the competition prints it: the
// competition and round, the judge, each project's criteria scores and
// total, then the drawn signature and when it was signed in the
// competition's time zone (or why there is none: unsigned, or voided by a
// later score change).
@Injectable()
export class SignedSheetExport {
  private readonly font: WatermarkFont;
  constructor(
    private readonly signOff: SignOffService,
    private readonly rounds: RoundsService,
    private readonly competitions: CompetitionsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.font = findWatermarkFont(config.WATERMARK_FONT);
  }

  async build(roundId: string, judgeId: string, lang: ExportLang): Promise<SignedSheet> {
    const round = await this.rounds.byId(roundId);
    const competition = await this.competitions.get(round.competitionId);
    const zone = competition.timeZone;
    const { sheet, signaturePng } = await this.signOff.signedSheet(roundId, judgeId);
    const zh = lang === 'zh';
    const criteria = round.criteria as unknown as Criterion[];
    const roundTitle = `${round.heatName} · ${round.name}`;
    const title = `${competition.name} · ${roundTitle} · ${zh ? '评分表' : 'Score sheet'}`;
    const headers = [
      ...(zh ? ['序号', '项目名称'] : ['No.', 'Project']),
      ...criteria.map((c) => (zh ? `${c.name}（${c.maxScore}）` : `${c.name} (${c.maxScore})`)),
      zh ? '总分' : 'Total',
    ];
    const rows = sheet.lines.map((l, i): XlsxCell[] => [
      i + 1,
      l.title,
      ...criteria.map((c) => (l.status === 'SUBMITTED' ? (l.scores?.[c.code] ?? null) : null)),
      l.status === 'SUBMITTED' && l.total !== null ? reportedTotal(l.total) : null,
    ]);
    const when = sheet.signedAt ? formatHumanTime(sheet.signedAt, zone, lang) : '';
    const signatureLine =
      sheet.state === 'SIGNED'
        ? zh
          ? `评委签字：（见下图）\u3000签字时间：${when}（${zoneLabel(zone, 'zh')}）`
          : `Judge's signature (below). Signed ${when} (${zoneLabel(zone, 'en')})`
        : sheet.state === 'VOID'
          ? zh
            ? `评委签字：签字后评分有改动，原签字（${when}）已失效，待重新签字`
            : `Judge's signature: voided by a score change after signing (${when}); to be signed again`
          : zh
            ? '评委签字：未签字'
            : "Judge's signature: not signed";
    return {
      title,
      fileName: `${title} · ${sheet.name}`,
      competitionName: competition.name,
      roundTitle,
      judgeName: sheet.name,
      headers,
      rows,
      signatureLine,
      signaturePng,
      lang,
    };
  }

  xlsxSheet(s: SignedSheet): PrintableSheet {
    return {
      name: s.judgeName,
      title: s.title,
      subtitle: [s.lang === 'zh' ? `评委：${s.judgeName}` : `Judge: ${s.judgeName}`],
      headers: s.headers,
      rows: s.rows,
      footer: [s.signatureLine],
      image: s.signaturePng ? { png: s.signaturePng, width: 240, height: 90 } : undefined,
    };
  }

  async pdf(s: SignedSheet): Promise<Uint8Array> {
    const doc = await PDFDocument.create();
    doc.setTitle(s.title);
    let font: PDFFont;
    if (this.font.bytes) {
      doc.registerFontkit(collectionAwareFontkit);
      font = await doc.embedFont(this.font.bytes, { subset: true });
    } else font = await doc.embedFont(StandardFonts.Helvetica);
    // A4 landscape.
    const W = 842;
    const H = 595;
    const margin = 36;
    let page: PDFPage = doc.addPage([W, H]);
    let y = H - margin;
    const text = (t: string, x: number, size: number, maxWidth?: number) => {
      let out = t;
      if (maxWidth)
        while (out.length > 1 && font.widthOfTextAtSize(out, size) > maxWidth)
          out = out.slice(0, -2) + '…';
      page.drawText(out, { x, y, size, font, color: rgb(0, 0, 0) });
    };
    text(s.title, margin, 15, W - 2 * margin);
    y -= 22;
    text(s.lang === 'zh' ? `评委：${s.judgeName}` : `Judge: ${s.judgeName}`, margin, 11);
    y -= 22;
    // The table: number, project, each criterion, total.
    const usable = W - 2 * margin;
    const numberW = 32;
    const totalW = 60;
    const criteriaCount = s.headers.length - 3;
    const critW = criteriaCount
      ? Math.min(90, (usable - numberW - totalW - 200) / criteriaCount)
      : 0;
    const titleW = usable - numberW - totalW - critW * criteriaCount;
    const widths: number[] = [
      numberW,
      titleW,
      ...Array.from({ length: criteriaCount }, () => critW),
      totalW,
    ];
    const rowH = 20;
    const drawRow = (cells: XlsxCell[], bold: boolean) => {
      let x = margin;
      cells.forEach((c, i) => {
        page.drawRectangle({
          x,
          y: y - 6,
          width: widths[i],
          height: rowH,
          borderWidth: 0.6,
          borderColor: rgb(0.3, 0.3, 0.3),
          color: bold ? rgb(0.93, 0.93, 0.93) : undefined,
        });
        text(c === null ? '' : String(c), x + 3, bold ? 9 : 10, widths[i] - 6);
        x += widths[i];
      });
      y -= rowH;
    };
    drawRow(s.headers, true);
    for (const r of s.rows) {
      if (y < margin + 140) {
        page = doc.addPage([W, H]);
        y = H - margin;
        drawRow(s.headers, true);
      }
      drawRow(r, false);
    }
    y -= 18;
    text(s.signatureLine, margin, 11, usable);
    if (s.signaturePng) {
      const image = await doc.embedPng(s.signaturePng);
      const scale = Math.min(240 / image.width, 90 / image.height);
      page.drawImage(image, {
        x: margin + 60,
        y: y - 10 - image.height * scale,
        width: image.width * scale,
        height: image.height * scale,
      });
    }
    return doc.save();
  }
}
