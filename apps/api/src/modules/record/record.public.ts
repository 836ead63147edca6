// What other contexts use to add their part of the official record.
export {
  EVIDENCE_SECTIONS,
  EXPECTED_SECTIONS,
  type EvidenceFile,
  type EvidenceSection,
  safeName,
} from './evidence-sections';
