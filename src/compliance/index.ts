// The compliance stage: frameworks and the check mapping as data, and the evaluation of an assessment against them.
export { decideStatus, type EvaluationInput, evaluateFramework } from './evaluate.js';
export {
  CATALOGUE_IDS,
  FRAMEWORK_IDS,
  type FrameworkId,
  isFrameworkId,
  loadFramework,
  loadFrameworks,
} from './frameworks/index.js';
export { findMappingProblems, loadMapping } from './mappings/index.js';
export { COMPLIANCE_FORMATS, type ComplianceFormat, complianceFormats } from './render/index.js';
export {
  COMPLIANCE_PLATFORMS,
  type CompliancePlatform,
  responsibilityOn,
  toCompliancePlatform,
} from './responsibility.js';
export { indexSubjects, isExpired, isInScope, type SubjectFacts, type SubjectIndex } from './waivers.js';
