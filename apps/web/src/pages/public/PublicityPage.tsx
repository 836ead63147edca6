import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, call } from '../../api/client';
import { $api, useAction } from '../../api/query';
import { ErrorAlert } from '../../layout/ErrorAlert';
import './public.css';

// 公示: the published list, read by anyone on a phone without an account
// (docs/due-process.md), with the period and the contacts, the documents, and
// the objection form (异议) while the 公示 runs. Chinese first.

const TEXT = {
  zh: {
    period: '公示期',
    to: '至',
    provisional: '公示期内结果为暂定，期满无异议即为最终结果。',
    held: '公示期已满，正在处理异议，结果待定。',
    final: '公示期已满，结果已确定。',
    organiser: '组委会联系方式',
    supervisor: '监督电话',
    pdf: '下载 PDF',
    xlsx: '下载 Excel',
    rank: '名次',
    score: '成绩',
    unit: '单位',
    objectTitle: '提出异议',
    objectHint:
      '请实名提出，写明理由并附证明材料（PDF 或图片，每个不超过 20 MB）。异议内容不公开，处理结果将发送至您的邮箱。',
    name: '真实姓名',
    contact: '联系电话或邮箱',
    email: '接收回执的邮箱（联系方式为电话时填写）',
    workUnit: '工作单位',
    project: '异议涉及的项目',
    procedure: '或涉及的评审程序',
    noProject: '（不针对具体项目）',
    reason: '异议理由',
    evidence: '证明材料',
    chooseFiles: '选择文件',
    noFiles: '未选择文件',
    submit: '提交异议',
    receipt: '异议已提交，回执编号：',
    keep: '请保存回执编号，处理结果将通过邮件告知。',
    closed: '公示期已结束，不再受理异议。',
    standing: {
      ADVANCED: '晋级',
      ELIMINATED: '未晋级',
      AWARDED: '获奖',
      WITHDRAWN: '弃赛',
      DISQUALIFIED: '取消资格',
      FAILED_DILIGENCE: '尽调未通过',
      OFFERED: '递补待确认',
      SUBSTITUTED: '递补晋级',
    } as Record<string, string>,
  },
  en: {
    period: 'Public notice',
    to: 'to',
    provisional: 'Results are provisional until the notice ends with no objection.',
    held: 'The notice has ended; objections are being handled.',
    final: 'The notice has ended; the results are final.',
    organiser: 'Organisers',
    supervisor: 'Supervising office',
    pdf: 'Download PDF',
    xlsx: 'Download Excel',
    rank: 'Rank',
    score: 'Score',
    unit: 'Unit',
    objectTitle: 'File an objection',
    objectHint:
      'Under your real name, with reasons and evidence (PDF or images, up to 20 MB each). Objections are not public; the outcome is mailed to you.',
    name: 'Real name',
    contact: 'Phone or email',
    email: 'Email for the receipt (when you gave a phone)',
    workUnit: 'Your unit',
    project: 'Project concerned',
    procedure: 'Or the procedure concerned',
    noProject: '(no project)',
    reason: 'Reasons',
    evidence: 'Evidence',
    chooseFiles: 'Choose files',
    noFiles: 'No file chosen',
    submit: 'Submit objection',
    receipt: 'Objection filed. Receipt number: ',
    keep: 'Keep the receipt number; the outcome will be mailed to you.',
    closed: 'The notice has ended; objections are no longer taken.',
    standing: {
      ADVANCED: 'Advanced',
      ELIMINATED: 'Not advanced',
      AWARDED: 'Awarded',
      WITHDRAWN: 'Withdrew',
      DISQUALIFIED: 'Disqualified',
      FAILED_DILIGENCE: 'Failed due diligence',
      OFFERED: 'Place offered',
      SUBSTITUTED: 'Advanced (substitute)',
    } as Record<string, string>,
  },
};

function when(iso: string, timeZone: string, lang: 'zh' | 'en') {
  return new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone,
    year: 'numeric',
    month: lang === 'zh' ? 'long' : 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso));
}

export default function PublicityPage() {
  const { id } = useParams();
  const { i18n } = useTranslation();
  const lang = i18n.language?.startsWith('en') ? 'en' : 'zh';
  const T = TEXT[lang];
  const query = $api.useQuery('get', '/api/v1/public/publicities/{id}', {
    params: { path: { id: id! } },
  });
  const p = query.data;
  if (query.error)
    return (
      <main className="publicity">
        <ErrorAlert error={query.error} />
      </main>
    );
  if (!p) return <main className="publicity" aria-busy="true" />;
  const base = `/api/v1/public/publicities/${p.id}`;
  return (
    <main className="publicity">
      <h1>{p.title}</h1>
      <p className="publicity__period">
        {T.period}：{when(p.startsAt, p.timeZone, lang)} {T.to} {when(p.endsAt, p.timeZone, lang)}
      </p>
      <p className={`publicity__status publicity__status--${p.status.toLowerCase()}`}>
        {p.status === 'ACTIVE' ? T.provisional : p.status === 'HELD' ? T.held : T.final}
      </p>
      <dl className="publicity__contacts">
        <dt>{T.organiser}</dt>
        <dd>{p.organiserContact || '—'}</dd>
        <dt>{T.supervisor}</dt>
        <dd>{p.supervisorContact || '—'}</dd>
      </dl>
      <p className="publicity__docs">
        <a href={`${base}/list.pdf`}>{T.pdf}</a>
        <a href={`${base}/list.xlsx`}>{T.xlsx}</a>
      </p>
      <ol className="publicity__list" aria-label={p.title}>
        {p.lines.map((l) => (
          <li
            key={l.projectId}
            className={`publicity__line publicity__line--${l.standing.toLowerCase()}`}
          >
            <span className="publicity__rank" aria-label={T.rank}>
              {l.rank}
            </span>
            <span className="publicity__project">
              <strong>{l.title}</strong>
              <small>{l.unit}</small>
            </span>
            <span className="publicity__score" aria-label={T.score}>
              {l.score.toFixed(2)}
            </span>
            <span className="publicity__standing">
              {l.award ?? T.standing[l.standing] ?? l.standing}
            </span>
          </li>
        ))}
      </ol>
      {p.objectionsOpen ? (
        <ObjectionForm publicityId={p.id} lines={p.lines} T={T} lang={lang} />
      ) : (
        <p className="publicity__closed">{T.closed}</p>
      )}
    </main>
  );
}

function ObjectionForm({
  publicityId,
  lines,
  T,
  lang,
}: {
  publicityId: string;
  lines: { projectId: string; title: string }[];
  T: (typeof TEXT)['zh'];
  lang: 'zh' | 'en';
}) {
  const { run, busy, error } = useAction({ changes: false });
  const [receipt, setReceipt] = useState<string | null>(null);
  // The browser's own file input labels itself in the browser's language
  // ("Choose Files"): it is hidden, and the page names the button and the choice.
  const [chosen, setChosen] = useState<string[]>([]);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    form.set('locale', lang === 'en' ? 'en' : 'zh-CN');
    // Text parts first, files last, as the api reads them.
    const files = form.getAll('evidence').filter((f) => f instanceof File && f.size > 0);
    form.delete('evidence');
    for (const f of files) form.append('evidence', f);
    void run('object', () =>
      call(
        api.POST('/api/v1/public/publicities/{id}/objections', {
          params: { path: { id: publicityId } },
          body: form as never,
          bodySerializer: (b: unknown) => b as FormData,
        }),
      ),
    ).then((r) => r && setReceipt(r.receipt));
  };
  if (receipt)
    return (
      <section className="publicity__receipt" role="status">
        <p>
          {T.receipt}
          <strong data-testid="receipt">{receipt}</strong>
        </p>
        <p>{T.keep}</p>
      </section>
    );
  return (
    <form className="publicity__form" onSubmit={submit} aria-labelledby="object-title">
      <h2 id="object-title">{T.objectTitle}</h2>
      <p className="publicity__hint">{T.objectHint}</p>
      <label>
        {T.name}
        <input name="name" required maxLength={50} autoComplete="name" />
      </label>
      <label>
        {T.contact}
        <input name="contact" required maxLength={254} inputMode="email" />
      </label>
      <label>
        {T.email}
        <input name="email" type="email" maxLength={254} />
      </label>
      <label>
        {T.workUnit}
        <input name="unit" required maxLength={200} />
      </label>
      <label>
        {T.project}
        <select name="projectId" defaultValue="">
          <option value="">{T.noProject}</option>
          {lines.map((l) => (
            <option key={l.projectId} value={l.projectId}>
              {l.title}
            </option>
          ))}
        </select>
      </label>
      <label>
        {T.procedure}
        <input name="procedure" maxLength={500} />
      </label>
      <label>
        {T.reason}
        <textarea name="reason" required rows={5} maxLength={5000} />
      </label>
      <label>
        {T.evidence}
        <input
          name="evidence"
          type="file"
          multiple
          accept="application/pdf,image/*"
          className="publicity__file-input"
          onChange={(e) => setChosen(Array.from(e.target.files ?? [], (f) => f.name))}
        />
        <span className="publicity__file-pick">
          <span className="publicity__file-button">{T.chooseFiles}</span>
          <span>{chosen.length ? chosen.join('、') : T.noFiles}</span>
        </span>
      </label>
      <ErrorAlert error={error} />
      <button type="submit" disabled={!!busy}>
        {T.submit}
      </button>
    </form>
  );
}
