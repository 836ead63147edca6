import { EvidenceFile, EvidenceSection, safeName } from './evidence-sections';
import type { RoundsService } from '../judging/rounds.service';
import type { SignOffService } from '../judging/sign-off.service';
import type { SignedSheetExport } from '../exports/signed-sheet.export';

/**
 * The evidence pack's `signed-sheets/` folder: for each round of the heat (in
 * the order of `rounds/`), each judge's 评分表 as the exports module prints it
 * (the drawn signature that covers it, or why there is none), and
 * signatures.json: every signature given (judge, when, the sheet hash it
 * covers, void or not), the sheets' state, the on-site objections with their
 * decision and reasons, and the teams' confirmations (签字确认).
 */
export function signedSheetsSection(
  rounds: RoundsService,
  signOff: SignOffService,
  sheets: SignedSheetExport,
): EvidenceSection {
  return {
    name: 'signed-sheets',
    files: async (heat) => {
      const out: EvidenceFile[] = [];
      for (const [i, { round }] of (await rounds.recordOf(heat.id)).entries()) {
        if (round.status === 'DRAFT') continue;
        const dir = `${String(i + 1).padStart(2, '0')}-${safeName(round.name)}`;
        const record = await signOff.evidenceOf(round.id);
        const files: Record<string, string> = {};
        for (const [k, s] of record.sheets.entries()) {
          // Beside signatures.json, which names it.
          const file = `${String(k + 1).padStart(2, '0')}-${safeName(s.judge)}.pdf`;
          const sheet = await sheets.build(round.id, s.judgeId, 'zh');
          out.push({ path: `${dir}/${file}`, content: Buffer.from(await sheets.pdf(sheet)) });
          files[s.judgeId] = file;
        }
        out.push({
          path: `${dir}/signatures.json`,
          content:
            JSON.stringify(
              {
                roundId: round.id,
                roundName: round.name,
                sheets: record.sheets.map((s) => ({ ...s, file: files[s.judgeId] })),
                signatures: record.signatures,
                objections: record.objections,
                confirmations: record.confirmations,
              },
              null,
              2,
            ) + '\n',
        });
      }
      return out;
    },
  };
}
