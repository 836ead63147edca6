// The authorization matrix: for every route with an id, the status each role
// gets. tests/authz-matrix.e2e-spec.ts reads the routes from the api's router
// and fails for a route missing here (and for an entry no route matches), so
// ADDING A ROUTE WITH AN ID MEANS ADDING ONE LINE HERE.
//
// Roles, relative to one fixture (see authz-fixture.ts): a competition with a
// heat, a rubric, an ELIGIBLE project, an OPEN round whose pool holds the
// assigned, the conflicted and a spare judge, one SUBMITTED score by the
// assigned judge, and a signing.
//   anon      no token
//   owner     the applicant who owns the project
//   appl      another applicant
//   judge     the judge assigned to the project
//   outJudge  a judge outside the round
//   conflJ    a judge of the round's pool with a declared conflict on the project
//   org       the competition's organiser
//   otherOrg  another competition's organiser
//   admin     an admin
// 404 hides what the caller may not see; 403 refuses a role, or an action on
// an object the caller may see but not change (the assigned judge, the
// organiser and an admin see the project, only its owner edits it). 409 is
// the fixture's state refusing after authorization passed. A cell of a
// mutating route expected to succeed (2xx) runs on a fresh fixture, so cells
// never see each other's effects; every other cell changes nothing.

import { signatureDataUrl } from './signature';

export const ROLES = [
  'anon',
  'owner',
  'appl',
  'judge',
  'outJudge',
  'conflJ',
  'org',
  'otherOrg',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

export interface Fixture {
  competition: string;
  heat: string;
  rubric: string;
  round: string;
  project: string;
  // The project's BP (a file of the form's field "bp"), stored before the round opened.
  file: string;
  // A resumable upload of the BP the owner began (no bytes sent yet).
  upload: string;
  signing: string;
  // A big-screen ticket of the round, issued by its organiser.
  screenTicket: string;
  // A user of its own per fixture, for routes that change a user.
  user: string;
  // A mail about the competition (its project's submission).
  notification: string;
  // A judge import of the competition (in the shared fixture only: read by GET).
  import: string;
  // The competition's organiser (its only one), and an organiser of another
  // competition who may be added as a co-organiser.
  organiser: string;
  spareOrganiser: string;
  // Judge ids, for routes that name a judge.
  assignedJudge: string;
  poolJudge: string;
  outJudge: string;
}

export interface MatrixEntry {
  // Which fixture object each path parameter names.
  params: Record<string, keyof Fixture>;
  body?: (f: Fixture) => unknown;
  expect: Record<Role, number>;
  // Server-Sent Events: only the status is read, then the stream is dropped.
  stream?: boolean;
  // A multipart upload (one part named "file") instead of a JSON body.
  upload?: { fileName: string; content: string };
  // Appended to the path, e.g. "dryRun=true".
  query?: string;
}

const row = (...statuses: number[]): Record<Role, number> =>
  Object.fromEntries(ROLES.map((r, i) => [r, statuses[i]])) as Record<Role, number>;

const c = { id: 'competition' } as const;
const h = { id: 'heat' } as const;
const r = { id: 'round' } as const;
const p = { id: 'project' } as const;
const s = { id: 'signing' } as const;
const rp = { id: 'round', projectId: 'project' } as const;

// The fixture competition's form: one file field, the BP.
export const FIXTURE_FORM = {
  fields: [
    {
      key: 'bp',
      type: 'file',
      label: { zh: '商业计划书', en: 'Business plan' },
      required: false,
      accept: ['pdf'],
    },
  ],
};
// The smallest PDF with one page (a judge's copy is stamped, so it must parse).
export const FIXTURE_PDF =
  '%PDF-1.4\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj\n' +
  '3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n';

const SCORES = { TECH: 80, BUSINESS: 70, MARKET: 75, TEAM: 90 };
export const FIXTURE_SCORES = SCORES;

// prettier-ignore
export const AUTHZ_MATRIX: Record<string, MatrixEntry> = {
  //                                                                       anon owner appl judge outJ conflJ org otherOrg admin
  'GET /competitions/:id':                        { params: c, expect: row(401, 200, 200, 200, 200, 200, 200, 200, 200) },
  'GET /competitions/:id/audit':                  { params: c, expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'GET /competitions/:id/audit/verify':           { params: c, expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'GET /competitions/:id/funnel':                 { params: c, expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'GET /competitions/:id/heats':                  { params: c, expect: row(401, 200, 200, 200, 200, 200, 200, 200, 200) },
  'POST /competitions/:id/heats':                 { params: c, body: () => ({ stageCode: 'SEMIFINAL', name: '半决赛' }), expect: row(401, 403, 403, 403, 403, 403, 201, 404, 201) },
  'GET /competitions/:id/projects':               { params: c, expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'POST /competitions/:id/projects':              { params: c, body: (f) => projectBody(f.heat), expect: row(401, 201, 201, 403, 403, 403, 403, 403, 403) },
  'GET /competitions/:id/registration-form':      { params: c, expect: row(401, 200, 200, 200, 200, 200, 200, 200, 200) },
  'PUT /competitions/:id/registration-form':      { params: c, body: () => ({ fields: [] }), expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  // Copied from itself: the fixture has one competition; organiser of both is the point.
  'POST /competitions/:id/registration-form/copy-from/:otherId': { params: { id: 'competition', otherId: 'competition' }, expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'GET /competitions/:id/rubrics':                { params: c, expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'POST /competitions/:id/rubrics':               { params: c, body: () => rubricBody(), expect: row(401, 403, 403, 403, 403, 403, 201, 404, 201) },
  'GET /competitions/:id/signings':               { params: c, expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'POST /competitions/:id/signings':              { params: c, body: (f) => ({ projectId: f.project, host: '江阴高新区第二园' }), expect: row(401, 403, 403, 403, 403, 403, 201, 404, 201) },
  'GET /competitions/:id/signings.csv':           { params: c, expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'GET /competitions/:id/signings.xlsx':          { params: c, expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'GET /competitions/:id/signings/stats':         { params: c, expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'POST /heats/:id/advance':                      { params: h, body: () => ({ count: 1 }), expect: row(401, 403, 403, 403, 403, 403, 409, 404, 409) },
  'GET /heats/:id/advance/preview':               { params: h, expect: row(401, 403, 403, 403, 403, 403, 409, 404, 409) },
  'GET /heats/:id/advancement':                   { params: h, expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'POST /heats/:id/advance/preview':              { params: h, body: () => ({}), expect: row(401, 403, 403, 403, 403, 403, 409, 404, 409) },
  'GET /heats/:id/advancement-rule':              { params: h, expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'PUT /heats/:id/advancement-rule':              { params: h, body: () => ({ count: 2, unitCap: 1 }), expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'GET /heats/:id/evidence-pack.zip':             { params: h, expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'GET /heats/:id/rounds':                        { params: h, expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'POST /heats/:id/rounds':                       { params: h, body: (f) => ({ name: '复评', kind: 'EXPERT_REVIEW', rubricId: f.rubric, method: 'MEAN' }), expect: row(401, 403, 403, 403, 403, 403, 201, 404, 201) },
  'GET /heats/:id/standings':                     { params: h, expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'GET /heats/:id/standings.csv':                 { params: h, expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'GET /heats/:id/standings.xlsx':                { params: h, expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'GET /projects/:id':                            { params: p, expect: row(401, 200, 404, 200, 404, 404, 200, 404, 200) },
  'PATCH /projects/:id':                          { params: p, body: () => ({ title: '改名' }), expect: row(401, 409, 404, 403, 404, 404, 403, 404, 403) },
  'POST /projects/:id/review':                    { params: p, body: () => ({ decision: 'INELIGIBLE', reason: '材料不全' }), expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'POST /projects/:id/submit':                    { params: p, expect: row(401, 409, 404, 403, 404, 404, 403, 404, 403) },
  'POST /projects/:id/withdraw':                  { params: p, expect: row(401, 200, 404, 403, 404, 404, 403, 404, 403) },
  'GET /rounds/:id':                              { params: r, expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'GET /rounds/:id/assignments':                  { params: r, expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'POST /rounds/:id/assignments':                 { params: r, body: () => ({ judgesPerProject: 1 }), expect: row(401, 403, 403, 403, 403, 403, 409, 404, 409) },
  'PUT /rounds/:id/assignments/:projectId/:judgeId':    { params: { ...rp, judgeId: 'poolJudge' }, body: () => ({}), expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'DELETE /rounds/:id/assignments/:projectId/:judgeId': { params: { ...rp, judgeId: 'assignedJudge' }, expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'POST /rounds/:id/close':                       { params: r, expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'POST /rounds/:id/conflicts':                   { params: r, body: (f) => ({ judgeId: f.poolJudge, projectId: f.project, reason: '师生关系' }), expect: row(401, 403, 403, 403, 404, 403, 201, 404, 201) },
  'GET /rounds/:id/judges':                       { params: r, expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'POST /rounds/:id/judges':                      { params: r, body: (f) => ({ judgeIds: [f.outJudge] }), expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'POST /rounds/:id/open':                        { params: r, expect: row(401, 403, 403, 403, 403, 403, 409, 404, 409) },
  'GET /rounds/:id/progress':                     { params: r, expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'GET /rounds/:id/projects/:projectId/score':    { params: rp, expect: row(401, 403, 403, 200, 404, 403, 403, 403, 403) },
  'PUT /rounds/:id/projects/:projectId/score':    { params: rp, body: () => ({ scores: SCORES, submit: true }), expect: row(401, 403, 403, 200, 404, 403, 403, 403, 403) },
  'POST /rounds/:id/projects/:projectId/score/reopen': { params: rp, body: (f) => ({ judgeId: f.assignedJudge, reason: '改分' }), expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'POST /rounds/:id/projects/:projectId/score/submit': { params: rp, expect: row(401, 403, 403, 200, 404, 403, 403, 403, 403) },
  'GET /rounds/:id/ranking':                      { params: r, expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'GET /rounds/:id/ranking.csv':                  { params: r, expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'GET /rounds/:id/ranking/stream':               { params: r, stream: true, expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'POST /rounds/:id/remind':                      { params: r, expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'GET /signings/:id':                            { params: s, expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'POST /signings/:id/transition':                { params: s, body: () => ({ to: 'NEGOTIATING' }), expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'GET /competitions/:id/imports':                { params: c, expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'POST /competitions/:id/imports/judges':        { params: c, query: 'dryRun=true', upload: { fileName: 'judges.csv', content: '姓名,邮箱,单位\r\n孙悦,sun.yue@e2e.test,江阴高新区\r\n' }, expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'POST /competitions/:id/imports/projects':      { params: c, query: 'dryRun=true', upload: { fileName: 'projects.csv', content: '项目名称,负责人姓名,负责人邮箱\r\n柔性传感器,孙悦,sun.yue@e2e.test\r\n' }, expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'GET /competitions/:id/judges':                 { params: c, expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'GET /competitions/:id/projects.csv':           { params: c, expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'GET /competitions/:id/projects.xlsx':          { params: c, expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'GET /imports/:id':                             { params: { id: 'import' }, expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'POST /notifications/:id/cancel':               { params: { id: 'notification' }, expect: row(401, 403, 403, 403, 403, 403, 409, 404, 409) },
  'POST /notifications/:id/resend':               { params: { id: 'notification' }, expect: row(401, 403, 403, 403, 403, 403, 409, 404, 409) },
  // Files (issue 19): only the owner uploads; the owner, the organisers and the
  // judge assigned in the open round read; the heat's ZIP is the organisers'.
  'POST /projects/:id/files':                     { params: p, query: 'field=bp', upload: { fileName: 'bp.pdf', content: FIXTURE_PDF }, expect: row(401, 201, 404, 403, 404, 404, 403, 404, 403) },
  'GET /projects/:id/files':                      { params: p, expect: row(401, 200, 404, 200, 404, 404, 200, 404, 200) },
  'GET /files/:id':                               { params: { id: 'file' }, expect: row(401, 200, 404, 200, 404, 404, 200, 404, 200) },
  // Resumable uploads: begun by the owner only; the upload is its uploader's alone (404 to anyone else).
  'POST /projects/:id/uploads':                   { params: p, body: () => ({ field: 'bp', name: 'bp.pdf', size: FIXTURE_PDF.length }), expect: row(401, 201, 404, 403, 404, 404, 403, 404, 403) },
  'GET /uploads/:id':                             { params: { id: 'upload' }, expect: row(401, 200, 404, 404, 404, 404, 404, 404, 404) },
  // A JSON body is no chunk: the owner passes authorization and is told so (400 UPLOAD_CHUNK_INVALID).
  'PATCH /uploads/:id':                           { params: { id: 'upload' }, expect: row(401, 400, 404, 404, 404, 404, 404, 404, 404) },
  'DELETE /uploads/:id':                          { params: { id: 'upload' }, expect: row(401, 204, 404, 404, 404, 404, 404, 404, 404) },
  'GET /heats/:id/files.zip':                     { params: h, expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'GET /rounds/:id/score-sheets.csv':             { params: r, expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'GET /rounds/:id/score-sheets.xlsx':            { params: r, expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  // The fixture's competition has registrations: deleting it is refused after authorization.
  'DELETE /competitions/:id':                     { params: c, expect: row(401, 403, 403, 403, 403, 403, 409, 404, 409) },
  'PATCH /competitions/:id':                      { params: c, body: () => ({ name: '矩阵测试大赛（改名）' }), expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'POST /competitions/:id/eligibility':           { params: c, body: (f) => ({ items: [{ projectId: f.project, decision: 'INELIGIBLE', reason: '材料不全' }] }), expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'POST /competitions/:id/eligibility/release':   { params: c, expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'GET /competitions/:id/eligibility/release/preview': { params: c, expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'GET /competitions/:id/organisers':             { params: c, expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'POST /competitions/:id/organisers':            { params: c, body: (f) => ({ userId: f.spareOrganiser }), expect: row(401, 403, 403, 403, 403, 403, 201, 404, 201) },
  // The fixture's organiser is its competition's only one: removing them is refused.
  'DELETE /competitions/:id/organisers/:userId':  { params: { ...c, userId: 'organiser' }, expect: row(401, 403, 403, 403, 403, 403, 409, 404, 409) },
  'PATCH /heats/:id':                             { params: h, body: () => ({ venue: '江阴国际会展中心' }), expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  // Awards are for the final; the fixture's heat is not in the last stage.
  'PUT /heats/:id/award-tiers':                   { params: h, body: () => ({ tiers: [{ name: '一等奖', count: 1 }] }), expect: row(401, 403, 403, 403, 403, 403, 409, 404, 409) },
  'GET /heats/:id/awards':                        { params: h, expect: row(401, 403, 403, 403, 403, 403, 409, 404, 409) },
  'POST /heats/:id/awards':                       { params: h, body: () => ({}), expect: row(401, 403, 403, 403, 403, 403, 409, 404, 409) },
  'GET /heats/:id/awards/preview':                { params: h, expect: row(401, 403, 403, 403, 403, 403, 409, 404, 409) },
  // The fixture's heat has not advanced yet: it has no results to change or release.
  'PATCH /heats/:id/results/:projectId':          { params: { ...h, projectId: 'project' }, body: () => ({ result: 'ADVANCED', reason: '复核发现计分错误，改为晋级' }), expect: row(401, 403, 403, 403, 403, 403, 409, 404, 409) },
  'POST /heats/:id/results/release':              { params: h, expect: row(401, 403, 403, 403, 403, 403, 409, 404, 409) },
  'GET /heats/:id/results/release/preview':       { params: h, expect: row(401, 403, 403, 403, 403, 403, 409, 404, 409) },
  // A judge's own views: the round for a judge of its pool (the conflicted one
  // too), the project only for a judge it is assigned to.
  'GET /judge/rounds/:id':                        { params: r, expect: row(401, 403, 403, 200, 404, 200, 403, 403, 403) },
  'GET /judge/rounds/:id/projects/:projectId':    { params: rp, expect: row(401, 403, 403, 200, 404, 404, 403, 403, 403) },
  'PATCH /rounds/:id':                            { params: r, body: () => ({ name: '初评（改名）' }), expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'POST /rounds/:id/now-pitching':                { params: r, body: (f) => ({ projectId: f.project }), expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'POST /rounds/:id/pitch-order':                 { params: r, body: () => ({}), expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'POST /rounds/:id/pitch-order/commitment':      { params: r, expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  // The fixture's round has no seed committed yet: the organiser's answer is 404 too.
  'GET /rounds/:id/pitch-order/commitment':       { params: r, expect: row(401, 403, 403, 403, 403, 403, 404, 404, 404) },
  // Other judges' scores: the fixture's round does not show them (403 even to
  // the assigned judge); a pool judge not assigned is refused, others see nothing.
  'GET /rounds/:id/projects/:projectId/scores':   { params: rp, expect: row(401, 403, 403, 403, 404, 403, 403, 403, 403) },
  'POST /rounds/:id/ranking/stream-ticket':       { params: r, expect: row(401, 403, 403, 403, 403, 403, 201, 404, 201) },
  // The big screen is opened by a ?ticket= (POST .../ranking/stream-ticket),
  // never by a bearer token: whoever calls it without a ticket, organiser and
  // admin included, gets 401. The tickets' own scoping (one round, expiry) is
  // tested in tests/web-backend.e2e-spec.ts.
  // A round's screen tickets: listed and revoked by whoever manages the round.
  'GET /rounds/:id/screen-tickets':               { params: r, expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'POST /rounds/:id/screen-tickets/:ticketId/revoke': { params: { id: 'round', ticketId: 'screenTicket' }, expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  // The roadshow day: settings, the timer of the project on stage (nothing is
  // on stage in the fixture: acting on it is refused after authorization),
  // its log, and the host's reveal (the fixture's round reveals by itself).
  'GET /rounds/:id/roadshow-settings':            { params: r, expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'PUT /rounds/:id/roadshow-settings':            { params: r, body: () => ({ pitchMinutes: 8, qaMinutes: 7, warningSeconds: 60, revealMode: 'AUTO', judgeLabels: 'NUMBER' }), expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'POST /rounds/:id/timer':                       { params: r, body: () => ({ action: 'PAUSE' }), expect: row(401, 403, 403, 403, 403, 403, 409, 404, 409) },
  'GET /rounds/:id/timer':                        { params: r, expect: row(401, 403, 403, 200, 404, 200, 200, 404, 200) },
  'GET /rounds/:id/timing-log':                   { params: r, expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'POST /rounds/:id/projects/:projectId/reveal':  { params: rp, expect: row(401, 403, 403, 403, 403, 403, 409, 404, 409) },
  // 签到: the code for the venue's QR (organisers), checking in with it (a
  // project's owner, a judge of the round; the matrix sends a wrong code, so
  // those who may try are refused after authorization), the desk and 缺席.
  'GET /rounds/:id/check-in-code':                { params: r, expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'POST /rounds/:id/check-in-code/rotate':        { params: r, expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'POST /rounds/:id/check-in':                    { params: r, body: () => ({ code: 'not-the-code' }), expect: row(401, 422, 422, 422, 422, 422, 422, 422, 422) },
  'POST /rounds/:id/check-ins':                   { params: r, body: (f) => ({ projectId: f.project }), expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'GET /rounds/:id/check-ins':                    { params: r, expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'GET /rounds/:id/my-sheet':                     { params: r, expect: row(401, 403, 403, 200, 404, 200, 403, 403, 403) },
  'POST /rounds/:id/my-sheet/signature':          { params: r, body: () => ({ signature: signatureDataUrl() }), expect: row(401, 403, 403, 200, 404, 409, 403, 403, 403) },
  'GET /rounds/:id/sign-off':                     { params: r, expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'POST /rounds/:id/objections/:objectionId/decision': { params: { id: 'round', objectionId: 'project' }, body: () => ({ decision: 'DISMISSED', handling: '复核评分记录', reason: '评分无误' }), expect: row(401, 403, 403, 403, 403, 403, 404, 404, 404) },
  'GET /rounds/:id/projects/:projectId/result':   { params: rp, expect: row(401, 404, 404, 403, 403, 403, 403, 403, 403) },
  'POST /rounds/:id/projects/:projectId/confirmation': { params: rp, body: () => ({ signature: signatureDataUrl() }), expect: row(401, 404, 404, 403, 403, 403, 403, 403, 403) },
  'POST /rounds/:id/projects/:projectId/objection': { params: rp, body: () => ({ text: '评分与现场答辩情况不符' }), expect: row(401, 404, 404, 403, 403, 403, 403, 403, 403) },
  'GET /rounds/:id/judges/:judgeId/score-sheet.pdf': { params: { id: 'round', judgeId: 'assignedJudge' }, expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'GET /rounds/:id/judges/:judgeId/score-sheet.xlsx': { params: { id: 'round', judgeId: 'assignedJudge' }, expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'GET /rounds/:id/my-sheet.pdf':                 { params: r, expect: row(401, 403, 403, 200, 404, 200, 403, 403, 403) },
  'GET /rounds/:id/my-sheet.xlsx':                { params: r, expect: row(401, 403, 403, 200, 404, 200, 403, 403, 403) },
  // One-time judge sign-in QR codes (the pass id of another object: 404).
  'POST /rounds/:id/judge-passes':                { params: r, body: () => ({}), expect: row(401, 403, 403, 403, 403, 403, 201, 404, 201) },
  'GET /rounds/:id/judge-passes':                 { params: r, expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'POST /rounds/:id/judge-passes/:passId/revoke': { params: { ...r, passId: 'user' }, expect: row(401, 403, 403, 403, 403, 403, 404, 404, 404) },
  // Online roadshow: meeting links (the team and the project's judges read theirs).
  'PUT /rounds/:id/projects/:projectId/meeting-link': { params: rp, body: () => ({ url: 'https://meeting.example.com/r/1' }), expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'GET /rounds/:id/meeting-links':                { params: r, expect: row(401, 200, 404, 200, 404, 404, 200, 404, 200) },
  // 监督: appointed by the organisers (the fixture's user is no supervisor: 404);
  // the supervisor's own routes refuse every other role (tests/supervisor.e2e-spec.ts
  // runs every write route as a supervisor).
  'GET /competitions/:id/supervisors':            { params: c, expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'POST /competitions/:id/supervisors':           { params: c, body: (f) => ({ userId: f.user }), expect: row(401, 403, 403, 403, 403, 403, 404, 404, 404) },
  'DELETE /competitions/:id/supervisors/:userId': { params: { ...c, userId: 'user' }, expect: row(401, 403, 403, 403, 403, 403, 404, 404, 404) },
  'GET /supervisor/rounds/:id':                   { params: r, expect: row(401, 403, 403, 403, 403, 403, 403, 403, 403) },
  'POST /supervisor/rounds/:id/notes':            { params: r, body: () => ({ body: '记录' }), expect: row(401, 403, 403, 403, 403, 403, 403, 403, 403) },
  'GET /supervisor/rounds/:id/export.xlsx':       { params: r, expect: row(401, 403, 403, 403, 403, 403, 403, 403, 403) },
  // 分会场: set before the round opens (the fixture's round is OPEN: 409); no rooms yet: 404 for the result.
  'PUT /rounds/:id/rooms':                        { params: r, body: () => ({ rule: 'QUOTA', rooms: [] }), expect: row(401, 403, 403, 403, 403, 403, 409, 404, 409) },
  'GET /rounds/:id/rooms':                        { params: r, expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'GET /rounds/:id/rooms/result':                 { params: r, expect: row(401, 403, 403, 403, 403, 403, 404, 404, 404) },
  'POST /rounds/:id/projects/:projectId/absent':  { params: rp, body: () => ({ reason: '叫号三次未到场' }), expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'GET /rounds/:id/screen/stream':                { params: r, stream: true, expect: row(401, 401, 401, 401, 401, 401, 401, 401, 401) },
  // The fixture's OPEN round scores against its rubric: the rubric is no longer editable.
  'PATCH /rubrics/:id':                           { params: { id: 'rubric' }, body: () => ({ name: '初赛评分标准（修订）' }), expect: row(401, 403, 403, 403, 403, 403, 409, 404, 409) },
  // Experts (issue 22). The fixture has no expert, draw or invitation: those routes answer 404 to whoever may ask.
  'PATCH /experts/:id':                           { params: { id: 'user' }, body: () => ({ rating: 4 }), expect: row(401, 403, 403, 403, 403, 403, 404, 404, 404) },
  'PUT /competitions/:id/pledge':                 { params: c, body: () => ({ text: '本人承诺回避并保密。' }), expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'GET /competitions/:id/pledge':                 { params: c, expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'GET /rounds/:id/pledge':                       { params: r, expect: row(401, 403, 403, 200, 404, 200, 403, 403, 403) },
  // The fixture's competition has no pledge to accept.
  'POST /rounds/:id/pledge/accept':               { params: r, expect: row(401, 403, 403, 409, 404, 409, 403, 403, 403) },
  // The fixture's round is OPEN: double marking is set only while DRAFT.
  'PUT /rounds/:id/double-marking':               { params: r, body: () => ({ tolerance: 10, toleranceKind: 'ABSOLUTE', thirdMarkRule: 'CLOSEST_PAIR', pairTieRule: 'MEAN_OF_ALL' }), expect: row(401, 403, 403, 403, 403, 403, 409, 404, 409) },
  'GET /rounds/:id/double-marking':               { params: r, expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  // The fixture's round has no double marking; a judge of its panel is not its chief expert.
  'PUT /rounds/:id/double-marking/:projectId/arbitration': { params: rp, body: () => ({ total: 80, reason: '裁定' }), expect: row(401, 403, 403, 403, 404, 403, 409, 404, 409) },
  'GET /rounds/:id/bias-report':                  { params: r, expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'POST /rounds/:id/expert-draws':                { params: r, body: () => ({ mix: { TECHNOLOGY: 1 }, reserves: 1 }), expect: row(401, 403, 403, 403, 403, 403, 201, 404, 201) },
  'GET /rounds/:id/expert-draws':                 { params: r, expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'POST /expert-draws/:id/draw':                  { params: { id: 'round' }, expect: row(401, 403, 403, 403, 403, 403, 404, 404, 404) },
  'GET /expert-draws/:id':                        { params: { id: 'round' }, expect: row(401, 403, 403, 403, 403, 403, 404, 404, 404) },
  'GET /expert-draws/:id/record.xlsx':            { params: { id: 'round' }, expect: row(401, 403, 403, 403, 403, 403, 404, 404, 404) },
  'POST /expert-invitations/:id/accept':          { params: { id: 'round' }, expect: row(401, 403, 403, 404, 404, 404, 403, 403, 403) },
  'POST /expert-invitations/:id/decline':         { params: { id: 'round' }, body: () => ({ reason: '时间冲突' }), expect: row(401, 403, 403, 404, 404, 404, 403, 403, 403) },
  // Due process (docs/due-process.md). The fixture has no 公示, objection,
  // appeal, offer or check: ids of those kinds name nothing (the fixture's
  // heat or project id), so every role that passes the role check gets 404.
  'GET /competitions/:id/due-process-settings':   { params: c, expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'PUT /competitions/:id/due-process-settings':   { params: c, body: () => ({ organiserContact: '组委会办公室 0510-86000000', supervisorContact: '纪检 0510-86000001' }), expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'GET /competitions/:id/objections':             { params: c, expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'GET /competitions/:id/appeals':                { params: c, expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'POST /heats/:id/publicity':                    { params: h, body: () => ({}), expect: row(401, 403, 403, 403, 403, 403, 409, 404, 409) },
  'GET /heats/:id/publicity':                     { params: h, expect: row(401, 403, 403, 403, 403, 403, 404, 404, 404) },
  'POST /heats/:id/diligence':                    { params: h, body: (f) => ({ projectIds: [f.project], handlerId: f.organiser }), expect: row(401, 403, 403, 403, 403, 403, 404, 404, 404) },
  'GET /heats/:id/diligence':                     { params: h, expect: row(401, 403, 403, 403, 403, 403, 200, 404, 200) },
  'GET /projects/:id/due-process':                { params: p, expect: row(401, 200, 404, 403, 404, 404, 403, 404, 403) },
  'POST /projects/:id/appeals':                   { params: p, body: (f) => ({ heatId: f.heat, kind: 'RECHECK', reason: '评分汇总有误' }), expect: row(401, 404, 404, 403, 404, 404, 403, 404, 403) },
  'POST /projects/:id/withdraw-place':            { params: p, body: (f) => ({ heatId: f.heat, letter: '本团队自愿放弃晋级资格。' }), expect: row(401, 409, 404, 403, 404, 404, 403, 404, 403) },
  'POST /objections/:id/assign':                  { params: p, body: (f) => ({ handlerId: f.organiser }), expect: row(401, 403, 403, 403, 403, 403, 404, 404, 404) },
  'POST /objections/:id/merge':                   { params: p, body: (f) => ({ intoId: f.heat }), expect: row(401, 403, 403, 403, 403, 403, 404, 404, 404) },
  'POST /objections/:id/decide':                  { params: p, body: () => ({ outcome: 'DISMISSED', reasons: '经核实，异议不成立' }), expect: row(401, 403, 403, 403, 403, 403, 404, 404, 404) },
  'GET /objections/:id/evidence/:fileId':         { params: { id: 'project', fileId: 'file' }, expect: row(401, 403, 403, 403, 403, 403, 404, 404, 404) },
  'POST /appeals/:id/decide':                     { params: p, body: () => ({ outcome: 'DISMISSED', reasons: '维持原结果' }), expect: row(401, 403, 403, 403, 403, 403, 404, 404, 404) },
  'POST /diligence/:id/decide':                   { params: p, body: () => ({ outcome: 'FAILED', items: [], findings: '营业执照与报名信息不一致' }), expect: row(401, 403, 403, 403, 403, 403, 404, 404, 404) },
  'POST /offers/:id/accept':                      { params: p, expect: row(401, 404, 404, 404, 404, 404, 404, 404, 404) },
  'POST /offers/:id/decline':                     { params: p, expect: row(401, 404, 404, 404, 404, 404, 404, 404, 404) },
  'GET /public/publicities/:id':                  { params: h, expect: row(404, 404, 404, 404, 404, 404, 404, 404, 404) },
  'GET /public/publicities/:id/list.pdf':         { params: h, expect: row(404, 404, 404, 404, 404, 404, 404, 404, 404) },
  'GET /public/publicities/:id/list.xlsx':        { params: h, expect: row(404, 404, 404, 404, 404, 404, 404, 404, 404) },
  'POST /public/publicities/:id/objections':      { params: h, upload: { fileName: 'evidence.pdf', content: FIXTURE_PDF }, expect: row(404, 404, 404, 404, 404, 404, 404, 404, 404) },
  'PATCH /users/:id':                             { params: { id: 'user' }, body: () => ({ disabled: true }), expect: row(401, 403, 403, 403, 403, 403, 403, 403, 200) },
  // The fixture's user was invited by an admin: not one of the organiser's judges.
  'POST /users/:id/invitation':                   { params: { id: 'user' }, expect: row(401, 403, 403, 403, 403, 403, 404, 404, 201) },
};

export function projectBody(heatId: string) {
  return {
    title: '矩阵测试项目',
    summary: '权限矩阵测试用的项目。',
    trackCode: 'IOT',
    heatId,
    organisation: { name: '矩阵科技有限公司', city: '江阴', foundedAt: '2024-01-01' },
    team: [{ name: '王五', role: 'CEO' }],
  };
}

export function rubricBody() {
  return {
    name: '复评标准',
    criteria: [
      { code: 'TECH', name: '技术', weight: 0.5, maxScore: 100 },
      { code: 'TEAM', name: '团队', weight: 0.5, maxScore: 100 },
    ],
  };
}
