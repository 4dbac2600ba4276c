export { selectSample, sampleSize, hashString, mulberry32 } from './sample';
export {
  explainGrade,
  explainVeto,
  explainDeduction,
  reasonsText,
  VETO_LABELS,
  DEDUCTION_LABELS,
  VERDICT_LABELS,
  BAND_LABELS,
  PLATFORM_LABELS,
} from './explain';
export {
  summarizeInspection,
  compareProfiles,
  inspectionReportRows,
  formatPassRate,
  PASS_RATE_COLUMNS,
  RESULT_COLUMNS,
  type AccountsById,
  type InspectedAccount,
  type InspectionSummary,
  type PassCounts,
  type DepartmentCounts,
  type ProfileComparison,
  type VerdictChange,
  type PassRateRow,
  type ResultRow,
} from './summary';
export { InspectionRequest, SampleRequest, GradeQuery } from './schemas';
