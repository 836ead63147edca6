/**
 * Extension point of the evidence pack: other contexts add their part of the
 * official record (signed score sheets, objections and their handling,
 * appeals, due diligence, withdrawal letters…) by providing
 * EVIDENCE_SECTIONS in RecordModule, e.g.
 *
 *   { provide: EVIDENCE_SECTIONS, useFactory: (o: ObjectionsService, a: AppealsService) =>
 *       [o.evidenceSection(), a.evidenceSection()], inject: [ObjectionsService, AppealsService] }
 *
 * Each section's files land under `<name>/` in the ZIP and in the manifest
 * with their SHA-256, like every other file.
 */
export const EVIDENCE_SECTIONS = Symbol('EVIDENCE_SECTIONS');

export interface EvidenceFile {
  /** Path inside the section's folder, e.g. `objections.json` or `sheets/评委1.pdf`. */
  path: string;
  content: Buffer | string;
}

export interface EvidenceSection {
  /** Folder name, e.g. `signed-sheets`, `objections`, `appeals`. */
  name: string;
  files(heat: { id: string; competitionId: string }): Promise<EvidenceFile[]>;
  /**
   * The section's own records (objections, appeals, checks…) whose audit
   * entries belong in the pack's audit.jsonl beside the heat's, its rounds'
   * and its projects'.
   */
  auditEntityIds?(heat: { id: string; competitionId: string }): Promise<string[]>;
}

/** Sections the record names even before another context provides them. */
export const EXPECTED_SECTIONS = [
  'signed-sheets',
  'objections',
  'appeals',
  'due-diligence',
  'withdrawals',
];

/** A file or folder name safe in a ZIP on every system. */
export const safeName = (name: string) => name.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 60);
