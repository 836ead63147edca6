import { Alert, App, Button, Card, Checkbox, Form, Input, Radio, Select, Space, Tag } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, call } from '../../api/client';
import type { components } from '../../api/schema';
import { AppShell } from '../../layout/AppShell';
import { RoadshowResults } from './RoadshowResults';
import { DueProcessPanel } from './DueProcessPanel';
import { ErrorAlert } from '../../layout/ErrorAlert';
import { DEFAULT_TIME_ZONE, formatInZone } from './deadline';
import { ApiError, fieldErrors } from '../../api/errors';
import { changedPaths } from '../../components/changed-paths';
import { cleanAnswers, FormAnswers, pick, type RegistrationForm } from './FormAnswers';
import { applies, lockedBy } from './answers';

type Project = components['schemas']['ProjectViewDto'];
type Competition = components['schemas']['CompetitionViewDto'];
type Heat = components['schemas']['HeatViewDto'];
type ProjectBody = components['schemas']['CreateProjectDto'];
type Values = Omit<ProjectBody, 'organisation' | 'team' | 'answers'> & {
  organisation?: Partial<NonNullable<ProjectBody['organisation']>>;
  team?: Partial<NonNullable<ProjectBody['team']>[number]>[];
  answers?: Record<string, object | string | number | boolean | null | undefined>;
};

// An API field path (`answers.patents[0].number`) as antd's name path.
const namePath = (field: string) =>
  field
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));

const FUNDING_STAGES = ['NONE', 'SEED', 'ANGEL', 'PRE_A', 'A', 'B', 'C_PLUS'];

/** The registration form (报名表): new, or a draft to edit; read-only once submitted. */
export function ProjectFormPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const params = useParams();
  const [form] = Form.useForm<Values>();
  const { i18n } = useTranslation();
  const [regForm, setRegForm] = useState<RegistrationForm | null>(null);
  const [accepted, setAccepted] = useState(false);
  const groupKey = Form.useWatch('groupKey', form);
  const [project, setProject] = useState<Project | null>(null);
  const [competition, setCompetition] = useState<Competition | null>(null);
  const [heats, setHeats] = useState<Heat[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // The project whose stored values the form holds. A new draft's first save
  // moves to its own URL in the same page instance, whose reload must not
  // overwrite what the applicant types meanwhile: the form is filled from the
  // server once per project.
  const filledFor = useRef<string | null>(null);

  const load = useCallback(async () => {
    let competitionId = params.competitionId ?? '';
    if (params.projectId) {
      const p = await call(
        api.GET('/api/v1/projects/{id}', { params: { path: { id: params.projectId } } }),
      );
      setProject(p);
      competitionId = p.competitionId;
      if (filledFor.current !== p.id) {
        filledFor.current = p.id;
        form.setFieldsValue({
          title: p.title,
          summary: p.summary,
          trackCode: p.trackCode,
          heatId: p.heatId,
          organisation: p.organisation,
          team: p.team?.length ? p.team : [{ name: '', role: '' }],
          fundingStage: p.fundingStage ?? undefined,
          pitchDeckUrl: p.pitchDeckUrl ?? undefined,
          groupKey: p.groupKey ?? undefined,
          answers: (p.answers ?? {}) as Values['answers'],
        });
      }
    } else form.setFieldsValue({ team: [{ name: '', role: '' }] });
    const [c, h, f] = await Promise.all([
      call(api.GET('/api/v1/competitions/{id}', { params: { path: { id: competitionId } } })),
      call(api.GET('/api/v1/competitions/{id}/heats', { params: { path: { id: competitionId } } })),
      call(
        api.GET('/api/v1/competitions/{id}/registration-form', {
          params: { path: { id: competitionId } },
        }),
      ),
    ]);
    setCompetition(c);
    setRegForm(f);
    const firstStage = Math.min(...h.items.map((x) => x.stageOrder));
    setHeats(h.items.filter((x) => x.stageOrder === firstStage));
  }, [params.competitionId, params.projectId, form]);

  useEffect(() => {
    // A new draft's first save moved here with the project, the competition
    // and its form already loaded: loading them again would only race the
    // applicant's next click or keystroke.
    if (params.projectId && filledFor.current === params.projectId) return;
    load().catch(setError);
  }, [load, params.projectId]);

  // A refusal's field problems land under their inputs (answers by their key).
  useEffect(() => {
    if (!(error instanceof ApiError)) return;
    form.setFields(
      Object.entries(fieldErrors(error, t)).map(([field, sentence]) => ({
        name: namePath(field) as never,
        errors: [sentence],
      })),
    );
  }, [error, form, t]);

  const groups = regForm?.groups ?? [];
  const group = groups.find((g) => g.key === groupKey);
  const trackOptions = useMemo(
    () =>
      (competition?.tracks ?? [])
        .filter((x) => !group?.tracks?.length || group.tracks.includes(x.code))
        .map((x) => ({ value: x.code, label: x.name })),
    [competition, group],
  );

  const editable = !project || project.status === 'DRAFT';
  const timeZone = competition?.timeZone ?? DEFAULT_TIME_ZONE;
  const closed = competition ? Date.now() >= Date.parse(competition.registrationClosesAt) : false;

  // A draft keeps what is filled: empty team rows and an empty organisation
  // are left out, and required fields wait for submit (the server lists them).
  const clean = (v: Values): ProjectBody => {
    const org = {
      name: v.organisation?.name?.trim() ?? '',
      city: v.organisation?.city?.trim() || undefined,
      province: v.organisation?.province?.trim() || undefined,
      foundedAt: v.organisation?.foundedAt || undefined,
    };
    const answers = regForm ? cleanAnswers(regForm, v.answers, v.groupKey) : {};
    return {
      title: v.title.trim(),
      summary: v.summary?.trim() ?? '',
      trackCode: v.trackCode,
      heatId: v.heatId,
      ...((org.name || org.city || org.province || org.foundedAt) && { organisation: org }),
      team: (v.team ?? [])
        .filter((m) => m?.name?.trim() || m?.role?.trim() || m?.email?.trim())
        .map((m) => ({
          name: m.name?.trim() ?? '',
          role: m.role?.trim() ?? '',
          email: m.email?.trim() || undefined,
          overseasReturnee: !!m.overseasReturnee,
        })),
      fundingStage: v.fundingStage || undefined,
      pitchDeckUrl: v.pitchDeckUrl?.trim() || undefined,
      ...(v.groupKey && { groupKey: v.groupKey }),
      // A new project sends only what is filled; an edit clears what was emptied.
      answers: project
        ? answers
        : Object.fromEntries(Object.entries(answers).filter(([, a]) => a !== null)),
    };
  };

  const save = async (): Promise<Project | null> => {
    const values = clean(await form.validateFields());
    setError(null);
    if (project) {
      const updated = await call(
        api.PATCH('/api/v1/projects/{id}', { params: { path: { id: project.id } }, body: values }),
      );
      setProject(updated);
      return updated;
    }
    const created = await call(
      api.POST('/api/v1/competitions/{id}/projects', {
        params: { path: { id: competition!.id } },
        body: values,
      }),
    );
    setProject(created);
    filledFor.current = created.id;
    void navigate(`/applicant/projects/${created.id}`, { replace: true });
    return created;
  };

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    try {
      await action();
    } catch (e) {
      if (!(e && typeof e === 'object' && 'errorFields' in e)) setError(e); // antd shows field errors itself
    } finally {
      setBusy(false);
    }
  };

  // After submit: only the answers whose field has not locked change (the
  // server refuses the others with ANSWER_LOCKED).
  const stage = { status: project?.status ?? 'DRAFT', deadlinePassed: closed };
  const openAnswers =
    !!project &&
    !!regForm &&
    regForm.fields.some((f) => applies(f, groupKey) && !lockedBy(f, stage));
  const saveAnswers = () =>
    run(async () => {
      if (!project || !regForm) return;
      const values = form.getFieldsValue(true) as Values;
      const updated = await call(
        api.PATCH('/api/v1/projects/{id}', {
          params: { path: { id: project.id } },
          body: {
            answers: Object.fromEntries(
              Object.entries(cleanAnswers(regForm, values.answers, values.groupKey)).filter(
                ([key]) => {
                  const f = regForm.fields.find((x) => x.key === key);
                  return f && !lockedBy(f, stage);
                },
              ),
            ),
          },
        }),
      );
      setProject(updated);
      void message.success(t('applicant.changesSaved'));
    });

  const saveDraft = () =>
    run(async () => {
      if (await save()) void message.success(t('applicant.saved'));
    });

  const submit = () =>
    run(async () => {
      const saved = await save();
      if (!saved) return;
      const ok = await modal.confirm({
        title: t('applicant.confirmSubmitTitle'),
        content: t('applicant.confirmSubmit'),
        okText: t('applicant.submit'),
        cancelText: t('common.cancel'),
      });
      if (!ok) return;
      const submitted = await call(
        api.POST('/api/v1/projects/{id}/submit', {
          params: { path: { id: saved.id } },
          body: regForm?.declaration ? { acceptDeclaration: accepted } : {},
        }),
      );
      setProject(submitted);
      void message.success(t('applicant.submitted'));
    });

  return (
    <AppShell title={project?.title ?? t('applicant.newProject')} wide>
      <Link to="/applicant" className="back-link">
        ‹ {t('applicant.myProjects')}
      </Link>
      <ErrorAlert error={error} />
      {params.projectId && <RoadshowResults projectId={params.projectId} />}
      {project && project.status !== 'DRAFT' && (
        <DueProcessPanel projectId={project.id} onWithdrawn={() => void load().catch(setError)} />
      )}
      {competition && (
        <Alert
          type={closed ? 'warning' : 'info'}
          showIcon
          style={{ marginBottom: 12 }}
          message={competition.name}
          description={
            <>
              {t('applicant.deadline', {
                time: formatInZone(competition.registrationClosesAt, timeZone),
              })}
              {closed && ` · ${t('applicant.closed')}`}
            </>
          }
        />
      )}
      {project && (
        <p>
          {t('applicant.statusLabel')}:{' '}
          <Tag color={project.status === 'DRAFT' ? 'default' : 'processing'}>
            {t(`applicant.status.${project.status}`)}
          </Tag>
        </p>
      )}
      <Card>
        <Form
          form={form}
          layout="vertical"
          disabled={!editable || busy}
          name="project"
          requiredMark
          // A server's refusal stays under a field until that field changes.
          onValuesChange={(changed) =>
            form.setFields(
              changedPaths(changed).map((name) => ({ name: name as never, errors: [] })),
            )
          }
        >
          <Form.Item
            name="title"
            label={t('applicant.title')}
            rules={[{ required: true, max: 200 }]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="summary" label={t('applicant.summary')} required rules={[{ max: 5000 }]}>
            <Input.TextArea rows={4} showCount maxLength={5000} />
          </Form.Item>
          {groups.length > 0 && (
            <Form.Item name="groupKey" label={t('applicant.form.group')} required>
              <Radio.Group
                optionType="button"
                options={groups.map((g) => ({ value: g.key, label: pick(g.label, i18n.language) }))}
              />
            </Form.Item>
          )}
          <Space wrap size="large" style={{ width: '100%' }}>
            <Form.Item
              name="trackCode"
              label={t('applicant.track')}
              rules={[{ required: true }]}
              style={{ minWidth: 220 }}
            >
              <Select options={trackOptions} />
            </Form.Item>
            <Form.Item
              name="heatId"
              label={t('applicant.heat')}
              rules={[{ required: true }]}
              style={{ minWidth: 220 }}
            >
              <Select
                options={heats.map((h) => ({
                  value: h.id,
                  label: h.city ? `${h.name}（${h.city}）` : h.name,
                }))}
              />
            </Form.Item>
            <Form.Item
              name="fundingStage"
              label={t('applicant.fundingStage')}
              style={{ minWidth: 180 }}
            >
              <Select
                allowClear
                options={FUNDING_STAGES.map((s) => ({ value: s, label: t(`fundingStage.${s}`) }))}
              />
            </Form.Item>
          </Space>
          <fieldset className="form-group">
            <legend>{t('applicant.organisation')}</legend>
            <Space wrap size="large">
              <Form.Item name={['organisation', 'name']} label={t('applicant.orgName')} required>
                <Input style={{ minWidth: 260 }} />
              </Form.Item>
              <Form.Item name={['organisation', 'province']} label={t('applicant.orgProvince')}>
                <Input />
              </Form.Item>
              <Form.Item name={['organisation', 'city']} label={t('applicant.orgCity')}>
                <Input />
              </Form.Item>
              <Form.Item name={['organisation', 'foundedAt']} label={t('applicant.orgFounded')}>
                <Input type="date" />
              </Form.Item>
            </Space>
          </fieldset>
          <fieldset className="form-group">
            <legend>{t('applicant.team')}</legend>
            <Form.List name="team">
              {(fields, { add, remove }, { errors }) => (
                <>
                  {fields.map((field, i) => (
                    <Space key={field.key} wrap align="end" className="team-row">
                      <Form.Item
                        name={[field.name, 'name']}
                        label={t('applicant.memberName', { n: i + 1 })}
                      >
                        <Input />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'role']}
                        label={t('applicant.memberRole', { n: i + 1 })}
                      >
                        <Input placeholder="CEO / CTO" />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'email']}
                        label={t('applicant.memberEmail', { n: i + 1 })}
                        rules={[{ type: 'email' }]}
                      >
                        <Input type="email" />
                      </Form.Item>
                      <Form.Item name={[field.name, 'overseasReturnee']} valuePropName="checked">
                        <Checkbox>{t('applicant.returnee')}</Checkbox>
                      </Form.Item>
                      {fields.length > 1 && (
                        <Form.Item>
                          <Button onClick={() => remove(field.name)}>
                            {t('applicant.removeMember')}
                          </Button>
                        </Form.Item>
                      )}
                    </Space>
                  ))}
                  <Form.ErrorList errors={errors} />
                  <Button onClick={() => add({ name: '', role: '' })}>
                    {t('applicant.addMember')}
                  </Button>
                </>
              )}
            </Form.List>
          </fieldset>
          {regForm && (
            <FormAnswers
              form={regForm}
              groupKey={groupKey}
              projectId={project?.id ?? null}
              stage={{ status: project?.status ?? 'DRAFT', deadlinePassed: closed }}
              disabled={busy}
            />
          )}
          <Form.Item
            name="pitchDeckUrl"
            label={t('applicant.pitchDeckUrl')}
            rules={[{ type: 'url' }]}
          >
            <Input placeholder="https://" />
          </Form.Item>
        </Form>
        {editable && regForm?.declaration && (
          <div className="declaration">
            <h3>{t('applicant.form.declaration')}</h3>
            <p className="declaration__text">{pick(regForm.declaration, i18n.language)}</p>
            <Checkbox checked={accepted} onChange={(e) => setAccepted(e.target.checked)}>
              {t('applicant.form.acceptDeclaration')}
            </Checkbox>
          </div>
        )}
        {!editable && openAnswers && (
          <Space wrap>
            <Button type="primary" onClick={() => void saveAnswers()} loading={busy}>
              {t('applicant.saveChanges')}
            </Button>
          </Space>
        )}
        {editable && (
          <Space wrap>
            <Button onClick={() => void saveDraft()} loading={busy}>
              {t('applicant.saveDraft')}
            </Button>
            <Button type="primary" onClick={() => void submit()} loading={busy} disabled={closed}>
              {t('applicant.submit')}
            </Button>
          </Space>
        )}
      </Card>
    </AppShell>
  );
}
