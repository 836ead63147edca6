// The one catalogue of error codes, shared by the api (DomainError, the HTTP
// filter) and the web client (apps/web/src/i18n/errors.*.ts turn each code and
// its params into a sentence). A code is stable: clients key on it, so rename
// none; add new ones. Params carry names (judgeName, projectTitle, …), never
// raw ids where a name exists, so a page can show them.
//
// Plain TypeScript with no imports: the web bundle reads this file as is.

/** What kind of refusal a code is; the HTTP status follows from it. */
export type ErrorKind =
  | 'BAD_REQUEST'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'UNPROCESSABLE'
  | 'RANGE_NOT_SATISFIABLE'
  | 'RATE_LIMITED'
  | 'INTERNAL'
  | 'UNAVAILABLE';

export const STATUS_OF_KIND: Record<ErrorKind, number> = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE: 422,
  RANGE_NOT_SATISFIABLE: 416,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
};

/** The objects a NOT_FOUND (or a field's unknown reference) can name. */
export type ResourceName =
  | 'account'
  | 'assignment'
  | 'competition'
  | 'conflict'
  | 'expert'
  | 'expertDraw'
  | 'expertInvitation'
  | 'file'
  | 'heat'
  | 'import'
  | 'notification'
  | 'objection'
  | 'organiser'
  | 'project'
  | 'result'
  | 'pitchSeedCommitment'
  | 'round'
  | 'route'
  | 'screenTicket'
  | 'signInPass'
  | 'supervisor'
  | 'room'
  | 'rubric'
  | 'score'
  | 'signing'
  | 'publicity'
  | 'appeal'
  | 'offer'
  | 'diligence'
  | 'stage'
  | 'track'
  | 'user';

// Enumerations a param may carry; the web translates each value.
export type RoleValue = 'ADMIN' | 'ORGANISER' | 'JUDGE' | 'APPLICANT' | 'SUPERVISOR';
export type RoundStatusValue = 'DRAFT' | 'OPEN' | 'CLOSED';
export type ProjectStatusValue =
  | 'DRAFT'
  | 'SUBMITTED'
  | 'ELIGIBLE'
  | 'INELIGIBLE'
  | 'ADVANCED'
  | 'ELIMINATED'
  | 'AWARDED'
  | 'WITHDRAWN';
export type ResultValue = 'ADVANCED' | 'ELIMINATED' | 'AWARDED';
export type MailStatusValue = 'PENDING' | 'SENT' | 'FAILED' | 'CANCELLED';
export type SigningStatusValue = 'INTENT' | 'NEGOTIATING' | 'SIGNED' | 'LANDED' | 'CANCELLED';
export type MethodValue = 'MEAN' | 'TRIMMED_MEAN' | 'ZSCORE';
export type TimerActionValue =
  'START_PITCH' | 'START_QA' | 'PAUSE' | 'RESUME' | 'EXTEND_QA' | 'END';
export type TimerPhaseValue = 'READY' | 'PITCH' | 'QA' | 'ENDED';

/** A catalogue entry: its kind, and (as a type only) its params. */
export interface ErrorEntry<P> {
  readonly kind: ErrorKind;
  /** Never set at run time: carries the params' type. */
  readonly params: P;
}
const code = <P = undefined>(kind: ErrorKind): ErrorEntry<P> => ({ kind }) as ErrorEntry<P>;

/** In AWARD_TIES (and the award preview's ties): the side of a boundary that wins no award. */
export const NO_AWARD_TIER = '(none)';

/** A judge's draft that blocks a round's close. */
export interface DraftRef {
  judgeName: string;
  projectTitle: string;
}

/** Which answer a problem is about: the field's key and labels, and for a table cell its row (1-based) and column. */
export type AnswerRef = {
  key: string;
  label: string;
  labelEn: string;
  row?: number;
  column?: string;
  columnEn?: string;
};

/** One change of a registration form that stored answers would not survive. */
export type FormBreakRef = {
  kind:
    | 'removed'
    | 'typeChanged'
    | 'narrowed'
    | 'optionRemoved'
    | 'requiredAdded'
    | 'groupChanged'
    | 'groupRemoved';
  key: string;
  label: string;
  labelEn: string;
  projects: number;
};

export const ERROR_CODES = {
  // ── Transport and generic answers ─────────────────────────────────────────
  /** The body, query or path failed validation; `details` names each field. */
  VALIDATION_FAILED: code<{ fields: string[] }>('BAD_REQUEST'),
  MALFORMED_JSON: code('BAD_REQUEST'),
  /** A 400 no more specific code describes. */
  BAD_REQUEST: code('BAD_REQUEST'),
  UNAUTHENTICATED: code('UNAUTHENTICATED'),
  SESSION_EXPIRED: code('UNAUTHENTICATED'),
  SESSION_REVOKED: code('UNAUTHENTICATED'),
  BAD_CREDENTIALS: code('UNAUTHENTICATED'),
  ACCOUNT_DISABLED: code('UNAUTHENTICATED'),
  SCREEN_LINK_EXPIRED: code('UNAUTHENTICATED'),
  FORBIDDEN_ROLE: code<{ roles: RoleValue[] }>('FORBIDDEN'),
  FORBIDDEN: code('FORBIDDEN'),
  NOT_FOUND: code<{ resource: ResourceName }>('NOT_FOUND'),
  ROUTE_NOT_FOUND: code('NOT_FOUND'),
  CONFLICT: code('CONFLICT'),
  UNPROCESSABLE: code('UNPROCESSABLE'),
  PAYLOAD_TOO_LARGE: code<{ maxBytes: number }>('PAYLOAD_TOO_LARGE'),
  UNSUPPORTED_MEDIA_TYPE: code<{ contentType: string }>('UNSUPPORTED_MEDIA_TYPE'),
  RATE_LIMITED: code<{ retryAfterSeconds: number }>('RATE_LIMITED'),
  INTERNAL_ERROR: code('INTERNAL'),
  SERVICE_UNAVAILABLE: code<{ retryAfterSeconds: number }>('UNAVAILABLE'),
  /** Another request changed the object between read and write: reload it. */
  CHANGED_MEANWHILE: code<{ resource: ResourceName }>('CONFLICT'),

  // ── Field codes (items of `details`; the field is the item's `field`) ─────
  FIELD_REQUIRED: code('BAD_REQUEST'),
  FIELD_UNKNOWN: code('BAD_REQUEST'),
  FIELD_NOT_NULL: code('BAD_REQUEST'),
  FIELD_TOO_LONG: code<{ max: number }>('BAD_REQUEST'),
  FIELD_TOO_SHORT: code<{ min: number }>('BAD_REQUEST'),
  FIELD_OUT_OF_RANGE: code<{ min?: number | string; max?: number | string }>('BAD_REQUEST'),
  FIELD_ARRAY_SIZE: code<{ min?: number; max?: number }>('BAD_REQUEST'),
  FIELD_NOT_UUID: code('BAD_REQUEST'),
  FIELD_INVALID_ENUM: code<{ allowed: string[] }>('BAD_REQUEST'),
  FIELD_NOT_EMAIL: code('BAD_REQUEST'),
  FIELD_NOT_DATE: code('BAD_REQUEST'),
  FIELD_NOT_INTEGER: code('BAD_REQUEST'),
  FIELD_NOT_NUMBER: code('BAD_REQUEST'),
  FIELD_NOT_STRING: code('BAD_REQUEST'),
  FIELD_NOT_BOOLEAN: code('BAD_REQUEST'),
  FIELD_NOT_ARRAY: code('BAD_REQUEST'),
  FIELD_NOT_OBJECT: code('BAD_REQUEST'),
  FIELD_NOT_URL: code('BAD_REQUEST'),
  FIELD_NOT_UNIQUE: code('BAD_REQUEST'),
  FIELD_INVALID_FORMAT: code('BAD_REQUEST'),
  FIELD_INVALID_TIME_ZONE: code('BAD_REQUEST'),
  FIELD_WEAK_PASSWORD: code('BAD_REQUEST'),
  /** Text PostgreSQL cannot store: a NUL byte or a lone UTF-16 surrogate. */
  FIELD_INVALID_TEXT: code('BAD_REQUEST'),
  /** `__proto__`, `constructor`, `prototype`, `hasOwnProperty` as a key. */
  FIELD_FORBIDDEN_KEY: code<{ key: string }>('BAD_REQUEST'),
  FIELD_TOO_DEEP: code<{ max: number }>('BAD_REQUEST'),
  FIELD_MUST_BE_AFTER: code<{ other: string }>('UNPROCESSABLE'),
  FIELD_DUPLICATE: code<{ value: string }>('UNPROCESSABLE'),
  FIELD_UNKNOWN_REFERENCE: code<{ resource: ResourceName }>('UNPROCESSABLE'),
  /** A field that fails a rule no code above describes. */
  FIELD_INVALID: code('BAD_REQUEST'),

  // ── Accounts ──────────────────────────────────────────────────────────────
  EMAIL_TAKEN: code<{ email: string }>('CONFLICT'),
  /** An invitation or password-reset link that is unknown, used or expired. */
  TOKEN_INVALID: code('NOT_FOUND'),
  ACCOUNT_GONE: code('NOT_FOUND'),
  LAST_ADMIN: code('CONFLICT'),
  ROLES_NOT_GRANTABLE: code<{ roles: RoleValue[] }>('FORBIDDEN'),
  INVITATION_ACCOUNT_DISABLED: code<{ userName: string }>('CONFLICT'),
  INVITATION_PASSWORD_SET: code<{ userName: string }>('CONFLICT'),
  USER_NOT_ORGANISER: code<{ userName: string | null }>('UNPROCESSABLE'),
  ALREADY_ORGANISER: code<{ userName: string }>('CONFLICT'),
  LAST_ORGANISER: code('CONFLICT'),
  /** Only the organisers of the competition that sent an invitation may send it again. */
  INVITATION_NOT_YOURS: code<{ userName: string }>('FORBIDDEN'),
  /** The competition's creator is removed only by itself or an admin. */
  CREATOR_NOT_REMOVABLE: code('FORBIDDEN'),
  /** A change sent with the web session cookie but without X-Requested-With. */
  CSRF_HEADER_REQUIRED: code('FORBIDDEN'),

  // ── Competitions, stages, heats, rubrics ──────────────────────────────────
  /** A competition is deleted only while nobody registered and no round exists. */
  COMPETITION_HAS_REGISTRATIONS: code<{ count: number }>('CONFLICT'),
  COMPETITION_HAS_ROUNDS: code<{ count: number }>('CONFLICT'),
  DATES_OUT_OF_ORDER: code<{ start: string; end: string }>('UNPROCESSABLE'),
  DUPLICATE_VALUES: code<{ field: string; values: string[] }>('UNPROCESSABLE'),
  STAGE_UNKNOWN: code<{ stageCode: string }>('UNPROCESSABLE'),
  RUBRIC_UNKNOWN: code('UNPROCESSABLE'),
  /** `details` carries one RUBRIC_* / CRITERION_* item per problem. */
  RUBRIC_INVALID: code<{ problems: number }>('UNPROCESSABLE'),
  RUBRIC_NO_CRITERIA: code('UNPROCESSABLE'),
  /** `row` is 1-based, as the organiser counts the rubric's rows. */
  CRITERION_DUPLICATE_CODE: code<{ row: number; criterion: string }>('UNPROCESSABLE'),
  CRITERION_WEIGHT_NOT_POSITIVE: code<{ row: number; criterion: string }>('UNPROCESSABLE'),
  CRITERION_MAX_NOT_POSITIVE: code<{ row: number; criterion: string }>('UNPROCESSABLE'),
  RUBRIC_WEIGHTS_SUM: code<{ sum: number }>('UNPROCESSABLE'),
  RUBRIC_IN_USE: code<{ rounds: { roundName: string; status: RoundStatusValue }[] }>('CONFLICT'),
  REGISTRATION_OPENS_LATER: code<{ submittedCount: number }>('CONFLICT'),
  TRACK_UNKNOWN: code<{ trackCode: string; allowed: string[] }>('UNPROCESSABLE'),
  ENTRY_HEAT_INVALID: code('UNPROCESSABLE'),
  /** A project enters through a first-stage heat; this one is of a later stage. */
  ENTRY_HEAT_NOT_FIRST_STAGE: code<{ heatName: string; stageName: string }>('UNPROCESSABLE'),
  FINAL_HAS_NO_NEXT_HEAT: code<{ heatName: string }>('UNPROCESSABLE'),
  NEXT_HEAT_REQUIRED: code<{ stageName: string }>('UNPROCESSABLE'),
  NEXT_HEAT_INVALID: code<{ stageName: string }>('UNPROCESSABLE'),
  HEAT_QUOTA_LOCKED: code('CONFLICT'),

  // ── Projects and registration ─────────────────────────────────────────────
  PROJECT_NOT_DRAFT: code<{ status: ProjectStatusValue }>('CONFLICT'),
  REGISTRATION_NOT_OPEN: code<{ opensAt: string; timeZone: string }>('CONFLICT'),
  REGISTRATION_CLOSED: code<{ closesAt: string; timeZone: string }>('CONFLICT'),
  PROJECT_ALREADY_WITHDRAWN: code('CONFLICT'),
  PROJECT_JUDGING_ENDED: code<{ status: ProjectStatusValue }>('CONFLICT'),
  INELIGIBLE_REASON_REQUIRED: code('UNPROCESSABLE'),
  PROJECT_NOT_REVIEWABLE: code<{ status: ProjectStatusValue }>('CONFLICT'),
  PROJECT_ALREADY_DECIDED: code<{ status: ProjectStatusValue }>('CONFLICT'),
  PROJECT_OWNER_ONLY: code('FORBIDDEN'),
  PROJECT_NOT_IN_COMPETITION: code('UNPROCESSABLE'),
  /** A changed result would move a project that is no longer where the result put it. */
  PROJECT_MOVED: code<{ projectTitle: string }>('CONFLICT'),
  /** Another request changed the project's status between read and write. */
  PROJECT_CHANGED_MEANWHILE: code<{ projectTitle: string }>('CONFLICT'),
  /** `details` carries one item per project that cannot be changed. */
  ELIGIBILITY_BATCH_INVALID: code<{ problems: number }>('UNPROCESSABLE'),

  // ── Registration forms (issue 19) ────────────────────────────────────────
  /** `details` carries one FORM_* item per problem; its `field` is the path (`fields[2].options`). */
  REGISTRATION_FORM_INVALID: code<{ problems: number }>('BAD_REQUEST'),
  FORM_TOO_MANY_FIELDS: code<{ max: number }>('BAD_REQUEST'),
  FORM_KEY_INVALID: code<{ key: string }>('BAD_REQUEST'),
  FORM_KEY_DUPLICATE: code<{ key: string }>('BAD_REQUEST'),
  FORM_KEY_RESERVED: code<{ key: string }>('BAD_REQUEST'),
  FORM_TYPE_UNKNOWN: code<{ key: string; type: string }>('BAD_REQUEST'),
  FORM_LABEL_MISSING: code<{ key: string }>('BAD_REQUEST'),
  FORM_ATTRIBUTE_NOT_FOR_TYPE: code<{ key: string; attribute: string }>('BAD_REQUEST'),
  FORM_BOUNDS_INVALID: code<{ key: string; attribute: string }>('BAD_REQUEST'),
  FORM_OPTIONS_MISSING: code<{ key: string }>('BAD_REQUEST'),
  FORM_OPTION_DUPLICATE: code<{ key: string; value: string }>('BAD_REQUEST'),
  FORM_COLUMNS_MISSING: code<{ key: string }>('BAD_REQUEST'),
  FORM_COLUMN_INVALID: code<{ key: string; column: string }>('BAD_REQUEST'),
  FORM_ACCEPT_INVALID: code<{ key: string }>('BAD_REQUEST'),
  FORM_GROUP_UNKNOWN: code<{ key: string; group: string }>('BAD_REQUEST'),
  FORM_GROUP_DUPLICATE: code<{ group: string }>('BAD_REQUEST'),
  FORM_GROUP_TRACK_UNKNOWN: code<{ group: string; trackCode: string }>('BAD_REQUEST'),
  FORM_DECLARATION_EMPTY: code('BAD_REQUEST'),
  FORM_RULE_INVALID: code<{ rule: string; attribute: string }>('BAD_REQUEST'),
  FORM_RULE_FIELD_UNKNOWN: code<{ rule: string; key: string }>('BAD_REQUEST'),
  FORM_RULE_FIELD_TYPE: code<{ rule: string; key: string }>('BAD_REQUEST'),
  /** Each break names the field, what would break and how many projects hold such an answer. */
  REGISTRATION_FORM_BREAKS_ANSWERS: code<{ breaks: FormBreakRef[] }>('CONFLICT'),
  /** `details` carries one ANSWER_* item per problem; its `field` is `answers.<key>`. */
  ANSWERS_INVALID: code<{ problems: number; labels: string[]; keys: string[] }>('BAD_REQUEST'),
  ANSWER_REQUIRED: code<AnswerRef>('BAD_REQUEST'),
  ANSWER_UNKNOWN_FIELD: code<{ key: string }>('BAD_REQUEST'),
  ANSWER_NOT_FOR_GROUP: code<AnswerRef & { group: string }>('BAD_REQUEST'),
  ANSWER_NOT_TEXT: code<AnswerRef>('BAD_REQUEST'),
  ANSWER_NOT_NUMBER: code<AnswerRef>('BAD_REQUEST'),
  ANSWER_NOT_INTEGER: code<AnswerRef>('BAD_REQUEST'),
  ANSWER_NOT_DATE: code<AnswerRef>('BAD_REQUEST'),
  ANSWER_NOT_YES_NO: code<AnswerRef>('BAD_REQUEST'),
  ANSWER_NOT_CHOICES: code<AnswerRef>('BAD_REQUEST'),
  ANSWER_NOT_FILE_ID: code<AnswerRef>('BAD_REQUEST'),
  ANSWER_NOT_TABLE: code<AnswerRef>('BAD_REQUEST'),
  ANSWER_TOO_SHORT: code<AnswerRef & { min: number }>('BAD_REQUEST'),
  ANSWER_TOO_LONG: code<AnswerRef & { max: number }>('BAD_REQUEST'),
  ANSWER_OUT_OF_RANGE: code<AnswerRef & { min?: number; max?: number; unit: string }>(
    'BAD_REQUEST',
  ),
  ANSWER_DATE_OUT_OF_RANGE: code<AnswerRef & { minDate?: string; maxDate?: string }>('BAD_REQUEST'),
  ANSWER_NOT_AN_OPTION: code<AnswerRef & { value: string; allowed: string[] }>('BAD_REQUEST'),
  ANSWER_TOO_MANY_CHOICES: code<AnswerRef & { max: number }>('BAD_REQUEST'),
  ANSWER_TOO_MANY_ROWS: code<AnswerRef & { max: number }>('BAD_REQUEST'),
  ANSWER_UNKNOWN_COLUMN: code<AnswerRef & { columnKey: string }>('BAD_REQUEST'),
  /** The file id is not a file of this project's field (checked by the files module). */
  ANSWER_FILE_UNKNOWN: code<AnswerRef>('BAD_REQUEST'),
  /** The field locks from a stage on (identity fields after the heat). */
  ANSWER_LOCKED: code<AnswerRef & { lock: string }>('CONFLICT'),
  GROUP_UNKNOWN: code<{ groupKey: string; allowed: string[] }>('BAD_REQUEST'),
  TRACK_NOT_IN_GROUP: code<{ trackCode: string; group: string }>('UNPROCESSABLE'),
  /** Submit refused: every missing item is in `details` (ANSWER_REQUIRED) and in `labels`. */
  PROJECT_INCOMPLETE: code<{ labels: string[]; keys: string[] }>('UNPROCESSABLE'),
  DECLARATION_REQUIRED: code('UNPROCESSABLE'),

  // ── Rounds, panels and scores ─────────────────────────────────────────────
  ROUND_NOT_DRAFT: code<{ status: RoundStatusValue }>('CONFLICT'),
  ROUND_NOT_OPEN: code<{ status: RoundStatusValue }>('CONFLICT'),
  ROUND_CLOSED: code('CONFLICT'),
  ROUND_RULES_LOCKED: code<{ status: RoundStatusValue }>('CONFLICT'),
  ROUND_HAS_DRAFTS: code<{ drafts: DraftRef[] }>('CONFLICT'),
  ROUND_HAS_NO_PROJECTS: code('CONFLICT'),
  /** A closed round's pitch order is final: no seed is committed for another draw. */
  PITCH_ORDER_CLOSED: code<{ roundName: string }>('CONFLICT'),
  FORCE_REASON_REQUIRED: code('UNPROCESSABLE'),
  METHOD_SCALE_MISMATCH: code<{
    method: MethodValue;
    otherRoundName: string;
    otherMethod: MethodValue;
  }>('UNPROCESSABLE'),
  NOT_JUDGES: code<{ count: number }>('UNPROCESSABLE'),
  JUDGE_NOT_IN_ROUND: code('UNPROCESSABLE'),
  NOT_ASSIGNED: code('FORBIDDEN'),
  PEER_SCORES_HIDDEN: code('FORBIDDEN'),
  PEER_SCORES_AFTER_OWN: code('FORBIDDEN'),
  /** `details` carries one item per criterion (SCORE_* codes). */
  SCORES_INVALID: code<{ problems: number }>('UNPROCESSABLE'),
  SCORE_MISSING: code<{ criterion: string }>('UNPROCESSABLE'),
  SCORE_NOT_NUMBER: code<{ criterion: string }>('UNPROCESSABLE'),
  SCORE_OUT_OF_RANGE: code<{ criterion: string; max: number }>('UNPROCESSABLE'),
  SCORE_UNKNOWN_CRITERION: code<{ criterion: string }>('UNPROCESSABLE'),
  SCORE_NOTHING_TO_SUBMIT: code('UNPROCESSABLE'),
  SCORE_LOCKED: code('CONFLICT'),
  SCORE_SUBMITTED_DIFFERENT: code('CONFLICT'),
  SCORE_NOT_SUBMITTED: code('CONFLICT'),
  CONFLICT_ONLY_SELF: code('FORBIDDEN'),
  CONFLICT_ALREADY_DECLARED: code('CONFLICT'),
  SCORING_STARTED: code('CONFLICT'),
  ASSIGN_PER_PROJECT_INVALID: code('UNPROCESSABLE'),
  ASSIGN_NO_PROJECTS: code('UNPROCESSABLE'),
  ASSIGN_TOO_FEW_JUDGES: code<{ judgeCount: number; perProject: number }>('UNPROCESSABLE'),
  ASSIGN_TOO_FEW_FREE_JUDGES: code<{ projectTitle: string; free: number; perProject: number }>(
    'UNPROCESSABLE',
  ),
  ASSIGN_CONFLICTS_BLOCK: code<{ perProject: number }>('UNPROCESSABLE'),
  PROJECT_NOT_ELIGIBLE_IN_HEAT: code('UNPROCESSABLE'),
  JUDGE_OWNS_PROJECT: code<{ judgeName: string; projectTitle: string }>('CONFLICT'),
  JUDGE_HAS_CONFLICT: code<{ judgeName: string; projectTitle: string }>('CONFLICT'),
  ALREADY_ASSIGNED: code<{ judgeName: string; projectTitle: string }>('CONFLICT'),
  /** The seed is the server's, committed before the draw: a body may not choose it. */
  PITCH_SEED_NOT_ACCEPTED: code('BAD_REQUEST'),
  PITCH_SEED_EMPTY: code('BAD_REQUEST'),
  REDRAW_REASON_REQUIRED: code('UNPROCESSABLE'),
  PROJECT_NOT_IN_ROUND: code('UNPROCESSABLE'),

  // ── The roadshow day: timer and reveal (亮分) ──────────────────────────────
  NO_PROJECT_ON_STAGE: code('CONFLICT'),
  TIMER_ACTION_NOT_ALLOWED: code<{
    action: TimerActionValue;
    phase: TimerPhaseValue;
    paused: boolean;
    projectTitle: string;
  }>('CONFLICT'),
  TIMER_EXTENSION_INVALID: code<{ maxMinutes: number }>('UNPROCESSABLE'),
  TIMER_CLOCK_BACKWARDS: code('CONFLICT'),
  REVEAL_NOT_COMPLETE: code<{ projectTitle: string; submitted: number; assigned: number }>(
    'CONFLICT',
  ),
  REVEAL_BY_HOST_ONLY_IN_HOST_MODE: code('CONFLICT'),
  CHECK_IN_CODE_INVALID: code('UNPROCESSABLE'),
  CHECK_IN_NOTHING_HERE: code<{ roundName: string }>('FORBIDDEN'),
  CHECK_IN_SUBJECT_REQUIRED: code('BAD_REQUEST'),
  CHECK_IN_NOT_IN_ROUND: code('UNPROCESSABLE'),
  DRAW_NONE_CHECKED_IN: code<{ roundName: string }>('CONFLICT'),
  /** 签字确认: the judge's sheet, the team's confirmation or objection, closing the round. */
  SHEET_EMPTY: code('CONFLICT'),
  SHEET_NOT_COMPLETE: code<{ projects: string[] }>('CONFLICT'),
  SHEET_ALREADY_SIGNED: code('CONFLICT'),
  SIGNATURE_INVALID: code<{ why: string }>('UNPROCESSABLE'),
  SIGNATURE_TOO_LARGE: code<{ maxBytes: number }>('UNPROCESSABLE'),
  SIGNATURE_EMPTY: code('UNPROCESSABLE'),
  RESULT_NOT_REVEALED: code<{ projectTitle: string }>('CONFLICT'),
  RESULT_ALREADY_CONFIRMED: code<{ projectTitle: string }>('CONFLICT'),
  OBJECTION_ALREADY_RAISED: code<{ projectTitle: string }>('CONFLICT'),
  OBJECTION_WINDOW_CLOSED: code<{ projectTitle: string; closesAt: string }>('CONFLICT'),
  OBJECTION_PENDING: code<{ projectTitle: string }>('CONFLICT'),
  ONSITE_OBJECTION_ALREADY_DECIDED: code<{ projectTitle: string; decision: string }>('CONFLICT'),
  ROUND_NOT_SIGNED_OFF: code<{ judges: string[]; projects: string[] }>('CONFLICT'),
  /** A judge's one-time sign-in QR: unknown (or mistyped) token. */
  SIGN_IN_PASS_INVALID: code('NOT_FOUND'),
  /** The QR already signed in another phone (bound on first use). */
  SIGN_IN_PASS_BOUND_ELSEWHERE: code('FORBIDDEN'),
  /** The QR's day is over (it ends at midnight in the competition's time zone). */
  SIGN_IN_PASS_EXPIRED: code('FORBIDDEN'),
  /** The organisers revoked the QR. */
  SIGN_IN_PASS_REVOKED: code('FORBIDDEN'),
  /** Passes are for the round's judges only. */
  SIGN_IN_PASS_NOT_A_JUDGE: code('UNPROCESSABLE'),
  /** Rooms (分会场): a combining rule the rooms' judges cannot support. */
  ROOMS_NOT_COMPARABLE: code<{ rooms: string }>('UNPROCESSABLE'),
  ROOM_QUOTA_REQUIRED: code('BAD_REQUEST'),
  ROOM_PROJECT_TWICE: code<{ projectTitle: string }>('UNPROCESSABLE'),
  ROOM_MEMBER_NOT_IN_ROUND: code('UNPROCESSABLE'),
  ROOMS_LOCKED: code<{ roundName: string }>('CONFLICT'),
  /** A room's stage: `roomId` names no room of the round; a project of another room. */
  ROOM_STAGE_NOT_A_ROOM: code('UNPROCESSABLE'),
  ROOM_STAGE_PROJECT_ELSEWHERE: code<{ projectTitle: string; roomName: string }>('UNPROCESSABLE'),

  // ── Advancement, results, awards ──────────────────────────────────────────
  HEAT_ALREADY_ADVANCED: code<{ heatName: string }>('CONFLICT'),
  HEAT_ROUNDS_NOT_CLOSED: code<{ heatName: string }>('CONFLICT'),
  /** Awards wait for every round of the final to close with its final ranking. */
  FINAL_ROUNDS_NOT_CLOSED: code<{ heatName: string }>('CONFLICT'),
  ADVANCE_COUNT_REQUIRED: code<{ heatName: string }>('UNPROCESSABLE'),
  ADVANCE_COUNT_INVALID: code('UNPROCESSABLE'),
  ADVANCE_NOT_IN_HEAT: code<{ field: 'include' | 'exclude' | 'wildcards'; count: number }>(
    'UNPROCESSABLE',
  ),
  ADVANCE_RULE_INVALID: code('UNPROCESSABLE'),
  ADVANCE_TOO_MANY_WILDCARDS: code<{ given: number; places: number }>('UNPROCESSABLE'),
  ADVANCE_WILDCARD_BLOCKED: code<{ count: number; cap: number }>('UNPROCESSABLE'),
  ADVANCE_BOTH_INCLUDED_EXCLUDED: code<{ count: number }>('UNPROCESSABLE'),
  HEAT_NO_RESULTS: code<{ heatName: string }>('CONFLICT'),
  FINAL_RESULTS_FOLLOW_AWARDS: code<{ heatName: string }>('CONFLICT'),
  RESULT_UNCHANGED: code<{ projectTitle: string; result: ResultValue }>('CONFLICT'),
  NEXT_HEAT_JUDGING_STARTED: code<{ projectTitle: string; roundName: string }>('CONFLICT'),
  /** Another change of the same result committed first. */
  RESULT_CHANGED_MEANWHILE: code<{ projectTitle: string }>('CONFLICT'),
  AWARDS_NOT_FINAL: code<{ heatName: string }>('CONFLICT'),
  AWARD_TIERS_MISSING: code<{ heatName: string }>('CONFLICT'),
  AWARD_TIES: code<{ ties: { projects: string[]; score: number; tiers: string[] }[] }>('CONFLICT'),
  AWARDS_MISSING: code<{ heatName: string }>('CONFLICT'),
  AWARD_TIERS_EMPTY: code('UNPROCESSABLE'),
  AWARD_TIER_DUPLICATE: code<{ tier: string }>('UNPROCESSABLE'),
  AWARD_TIER_COUNT: code<{ tier: string }>('UNPROCESSABLE'),
  TIE_BREAK_NOT_IN_STANDINGS: code<{ position: number }>('UNPROCESSABLE'),
  TIE_BREAK_DUPLICATE: code<{ position: number }>('UNPROCESSABLE'),

  // ── Due process after a decision (公示, 异议, 申诉, 尽职调查, 递补) ────────────
  PUBLICITY_END_NOT_AFTER_START: code<{ startsAt: string }>('UNPROCESSABLE'),
  PUBLICITY_EXISTS: code<{ heatName: string }>('CONFLICT'),
  PUBLICITY_CLOSED: code<{ heatName: string; endedAt: string }>('CONFLICT'),
  PUBLICITY_NOT_ACTIVE: code<{ heatName: string }>('CONFLICT'),
  OBJECTION_ALREADY_DECIDED: code<{ status: string }>('CONFLICT'),
  OBJECTION_ACTION_NEEDS_UPHELD: code('UNPROCESSABLE'),
  OBJECTION_PROJECT_REQUIRED: code('UNPROCESSABLE'),
  OBJECTION_PROJECT_NOT_LISTED: code('UNPROCESSABLE'),
  OBJECTION_MERGE_TARGET_INVALID: code('UNPROCESSABLE'),
  OBJECTION_CONTACT_INVALID: code('BAD_REQUEST'),
  OBJECTION_EVIDENCE_TOO_LARGE: code<{ maxBytes: number }>('PAYLOAD_TOO_LARGE'),
  OBJECTION_EVIDENCE_TYPE: code<{ detected: string | null }>('UNSUPPORTED_MEDIA_TYPE'),
  OBJECTION_TOO_MANY_FILES: code<{ max: number }>('PAYLOAD_TOO_LARGE'),
  OBJECTION_LIMIT_REACHED: code<{ retryAfterSeconds: number }>('RATE_LIMITED'),
  APPEAL_RESULT_NOT_RELEASED: code<{ heatName: string }>('CONFLICT'),
  APPEAL_WINDOW_CLOSED: code<{
    heatName: string;
    closedAt: string;
    windowHours: number;
    timeZone?: string;
  }>('CONFLICT'),
  APPEAL_ALREADY_FILED: code<{ heatName: string }>('CONFLICT'),
  APPEAL_ALREADY_DECIDED: code<{ status: string }>('CONFLICT'),
  APPEAL_SCORE_REQUIRED: code('UNPROCESSABLE'),
  OFFER_NOT_OPEN: code<{ projectTitle: string; status: string }>('CONFLICT'),
  PROJECT_HOLDS_NO_PLACE: code<{ projectTitle: string }>('CONFLICT'),
  DILIGENCE_ALREADY_DECIDED: code<{ status: string }>('CONFLICT'),
  DILIGENCE_FINDINGS_REQUIRED: code('UNPROCESSABLE'),
  DILIGENCE_CHECKLIST_INCOMPLETE: code<{ items: string[] }>('UNPROCESSABLE'),
  DILIGENCE_EXISTS: code<{ projectTitle: string }>('CONFLICT'),

  // ── Signings ──────────────────────────────────────────────────────────────
  SIGNING_ALREADY_OPEN: code<{ projectTitle: string; host: string }>('CONFLICT'),
  SIGNING_TRANSITION_ILLEGAL: code<{ from: SigningStatusValue; to: SigningStatusValue }>(
    'CONFLICT',
  ),
  SIGNING_LANDED_INCOMPLETE: code<{ fields: string[] }>('UNPROCESSABLE'),

  // ── Mails ─────────────────────────────────────────────────────────────────
  MAIL_NOT_RESENDABLE: code<{ status: MailStatusValue }>('CONFLICT'),
  MAIL_SENDING_NOW: code('CONFLICT'),
  MAIL_NOT_CANCELLABLE: code<{ status: MailStatusValue }>('CONFLICT'),

  // ── Imports and uploads ───────────────────────────────────────────────────
  UPLOAD_NOT_MULTIPART: code('BAD_REQUEST'),
  UPLOAD_FILE_MISSING: code('BAD_REQUEST'),
  // An upload that costs more than an import may (413), a sheet past its
  // bounds (422), or every parse slot busy (503): libs/domain/src/imports/upload-limits.ts.
  IMPORT_FILE_TOO_LARGE: code<{ limit: number }>('PAYLOAD_TOO_LARGE'),
  IMPORT_TOO_MANY_PARTS: code<{ parts: number; limit: number }>('PAYLOAD_TOO_LARGE'),
  IMPORT_TOO_MANY_SHEETS: code<{ sheets: number; limit: number }>('PAYLOAD_TOO_LARGE'),
  IMPORT_PART_TOO_LARGE: code<{ part: string; bytes: number; limit?: number }>('PAYLOAD_TOO_LARGE'),
  IMPORT_WORKBOOK_TOO_LARGE: code<{ bytes: number; limit: number }>('PAYLOAD_TOO_LARGE'),
  IMPORT_COMPRESSION_RATIO: code<{ part: string; ratio: number; limit: number }>(
    'PAYLOAD_TOO_LARGE',
  ),
  IMPORT_SHEET_TOO_MUCH_TEXT: code<{ limit: number }>('PAYLOAD_TOO_LARGE'),
  IMPORT_PARSE_LIMIT: code<{ memoryMb: number; seconds: number }>('PAYLOAD_TOO_LARGE'),
  IMPORT_TOO_MANY_ROWS: code<{ row?: number; limit: number }>('UNPROCESSABLE'),
  IMPORT_TOO_MANY_COLUMNS: code<{ row: number; column: number; limit: number }>('UNPROCESSABLE'),
  IMPORT_CELL_TOO_LONG: code<{ row?: number; column?: number; limit: number }>('UNPROCESSABLE'),
  IMPORT_BUSY: code<{ retryAfterSeconds: number }>('UNAVAILABLE'),
  IMPORT_FILE_EMPTY: code('UNPROCESSABLE'),
  IMPORT_FILE_OLD_XLS: code('UNPROCESSABLE'),
  IMPORT_FILE_NOT_SPREADSHEET: code('UNPROCESSABLE'),
  IMPORT_FILE_UNREADABLE: code<{ format: 'CSV' | 'XLSX' }>('UNPROCESSABLE'),
  IMPORT_FILE_NO_HEADER: code('UNPROCESSABLE'),
  IMPORT_FILE_TOO_MANY_ROWS: code<{ rows: number; maxRows: number }>('UNPROCESSABLE'),
  IMPORT_NO_ROWS: code('UNPROCESSABLE'),
  /** `details` carries one IMPORT_ROW_PROBLEM per problem. */
  IMPORT_HAS_PROBLEMS: code<{ problems: number }>('UNPROCESSABLE'),
  /** One problem of an import file; both languages come from the importer. */
  IMPORT_ROW_PROBLEM: code<{
    row: number | null;
    column: string | null;
    messageEn: string;
    messageZh: string;
  }>('UNPROCESSABLE'),
  IMPORT_HEAT_NOT_ENTRY: code('UNPROCESSABLE'),

  // ── Files (issue 19) ──────────────────────────────────────────────────────
  /** The part `field` names no file field of the competition's form. */
  FILE_FIELD_UNKNOWN: code<{ field: string }>('UNPROCESSABLE'),
  /** After the registration deadline no file changes. */
  FILE_DEADLINE_PASSED: code<{ closesAt: string; timeZone: string }>('CONFLICT'),
  FILE_TOO_LARGE: code<{ field: string; maxBytes: number }>('PAYLOAD_TOO_LARGE'),
  /** The bytes are not of a kind the field accepts (`detected`: the sniffed type, or null). */
  FILE_TYPE_NOT_ACCEPTED: code<{ field: string; detected: string | null; accepted: string[] }>(
    'UNSUPPORTED_MEDIA_TYPE',
  ),
  FILE_EMPTY: code<{ field: string }>('UNPROCESSABLE'),
  /** The round is view only: its materials are read in the viewer, not downloaded. */
  FILE_VIEW_ONLY: code('FORBIDDEN'),
  /** The field is locked at the project's stage (its `lock` rule): no new version. */
  FILE_FIELD_LOCKED: code<{ field: string; label: string; labelEn: string; lock: string }>(
    'CONFLICT',
  ),
  /** GET /files/:id with a Range past the file's end (Content-Range: bytes *\/size). */
  FILE_RANGE_NOT_SATISFIABLE: code<{ size: number }>('RANGE_NOT_SATISFIABLE'),
  /** Resumable upload: the PATCH's Upload-Offset is not where the upload stands (`offset`: resume there). */
  UPLOAD_OFFSET_MISMATCH: code<{ offset: number }>('CONFLICT'),
  /** Resumable upload: a PATCH needs Upload-Offset and Content-Type application/offset+octet-stream. */
  UPLOAD_CHUNK_INVALID: code('BAD_REQUEST'),
  /** Resumable upload: the bytes go past the size declared when the upload was created. */
  UPLOAD_SIZE_EXCEEDED: code<{ size: number }>('BAD_REQUEST'),
  /** The console saved over a newer form (someone else saved version `version` meanwhile). */
  REGISTRATION_FORM_STALE: code<{ version: number }>('CONFLICT'),

  // ── Experts: pool, draw, pledge, 2+1 (issue 22) ───────────────────────────
  /** The competition has a pledge (回避与保密承诺) the judge has not accepted yet. */
  PLEDGE_REQUIRED: code<{ competitionName: string }>('FORBIDDEN'),
  PLEDGE_NOT_SET: code('CONFLICT'),
  EXPERT_EMAIL_TAKEN: code<{ email: string }>('CONFLICT'),
  EXPERT_DRAW_EMPTY_MIX: code('UNPROCESSABLE'),
  /** The eligible experts cannot fill the mix; `missing` lists field×count. */
  EXPERT_DRAW_SHORT: code<{ missing: string }>('UNPROCESSABLE'),
  EXPERT_DRAW_ALREADY_DRAWN: code('CONFLICT'),
  EXPERT_DRAW_NOT_DRAWN: code('CONFLICT'),
  EXPERT_INVITATION_ANSWERED: code<{ status: string }>('CONFLICT'),
  DECLINE_REASON_REQUIRED: code('UNPROCESSABLE'),
  DOUBLE_MARKING_NOT_SET: code('CONFLICT'),
  DOUBLE_MARKING_EXPERT_REVIEW_ONLY: code('UNPROCESSABLE'),
  /**
   * The project's marks do not call for the chief expert's arbitration:
   * `because` NO_THIRD_NEEDED, THIRD_PENDING or RULE_DECIDES (the round's rule decides it).
   */
  DOUBLE_MARK_ARBITRATION_NOT_NEEDED: code<{ because: string }>('CONFLICT'),
  /** A judge of the round who is not its designated chief expert. */
  DOUBLE_MARK_NOT_CHIEF: code('FORBIDDEN'),
  /** The designated chief expert is not a judge account. */
  DOUBLE_MARK_CHIEF_NOT_JUDGE: code('UNPROCESSABLE'),
  /** Closing a 2+1 round while projects await a third mark or the arbitration (titles). */
  ROUND_DOUBLE_MARK_UNDECIDED: code<{ projects: string[] }>('CONFLICT'),

  // ── Idempotency keys ──────────────────────────────────────────────────────
  IDEMPOTENCY_KEY_INVALID: code('BAD_REQUEST'),
  IDEMPOTENCY_KEY_REUSED: code('UNPROCESSABLE'),
  IDEMPOTENCY_KEY_IN_FLIGHT: code('CONFLICT'),
  IDEMPOTENCY_KEY_RACE: code('CONFLICT'),
  /** A retry took the key over while this request was still running (its lock expired). */
  IDEMPOTENCY_KEY_TAKEN_OVER: code('CONFLICT'),
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The params a code carries (`undefined` for a code without params). */
export type ErrorParams<C extends ErrorCode> = (typeof ERROR_CODES)[C]['params'];

/** Codes that carry no params. */
export type BareErrorCode = {
  [C in ErrorCode]: [ErrorParams<C>] extends [undefined] ? C : never;
}[ErrorCode];

export const isErrorCode = (value: unknown): value is ErrorCode =>
  typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CODES, value);

/** The HTTP status a code answers with. */
export const statusOfCode = (c: ErrorCode): number => STATUS_OF_KIND[ERROR_CODES[c].kind];

/** A field's problem, an item of an error body's `details`. */
export interface FieldIssue<C extends ErrorCode = ErrorCode> {
  field: string;
  code: C;
  message: string;
  params?: ErrorParams<C>;
}

/** The body of every 4xx/5xx answer. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  code: ErrorCode;
  message: string;
  params?: Record<string, unknown>;
  details?: FieldIssue[];
}
