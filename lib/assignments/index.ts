export {
  type Assignee,
  type AssigneesChange,
  assignArticle,
  assigneesOfArticles,
  MAX_ASSIGNEES,
  projectCoders,
  setAssignees,
} from "./assign";
export {
  type AssignmentView,
  listMyAssignments,
  listProjectAssignments,
  type MyAssignmentView,
  myAssignmentOf,
} from "./lists";
export {
  type ArticleProgress,
  type CoderProgress,
  type ProjectProgress,
  progressCsv,
  projectProgress,
} from "./progress";
export { ASSIGNMENT_STATES, type AnnotationCounts, type AssignmentState, STATE_LABELS } from "./state";
export { submitAssignment } from "./submit";
