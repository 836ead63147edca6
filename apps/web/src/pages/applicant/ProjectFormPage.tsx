import { Alert, App, Button, Card, Checkbox, Form, Input, Select, Space, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, call } from '../../api/client';
import type { components } from '../../api/schema';
import { AppShell } from '../../layout/AppShell';
import { ErrorAlert } from '../../layout/ErrorAlert';
import { DEFAULT_TIME_ZONE, formatInZone } from './deadline';

type Project = components['schemas']['ProjectViewDto'];
type Competition = components['schemas']['CompetitionViewDto'];
type Heat = components['schemas']['HeatViewDto'];
type ProjectBody = components['schemas']['CreateProjectDto'];

const FUNDING_STAGES = ['NONE', 'SEED', 'ANGEL', 'PRE_A', 'A', 'B', 'C_PLUS'];

/** The registration form (报名表): new, or a draft to edit; read-only once submitted. */
export function ProjectFormPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const params = useParams();
  const [form] = Form.useForm<ProjectBody>();
  const [project, setProject] = useState<Project | null>(null);
  const [competition, setCompetition] = useState<Competition | null>(null);
  const [heats, setHeats] = useState<Heat[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    let competitionId = params.competitionId ?? '';
    if (params.projectId) {
      const p = await call(
        api.GET('/api/v1/projects/{id}', { params: { path: { id: params.projectId } } }),
      );
      setProject(p);
      competitionId = p.competitionId;
      form.setFieldsValue({
        title: p.title,
        summary: p.summary,
        trackCode: p.trackCode,
        heatId: p.heatId,
        organisation: p.organisation,
        team: p.team,
        fundingStage: p.fundingStage ?? undefined,
        pitchDeckUrl: p.pitchDeckUrl ?? undefined,
      });
    } else form.setFieldsValue({ team: [{ name: '', role: '' }] });
    const [c, h] = await Promise.all([
      call(api.GET('/api/v1/competitions/{id}', { params: { path: { id: competitionId } } })),
      call(api.GET('/api/v1/competitions/{id}/heats', { params: { path: { id: competitionId } } })),
    ]);
    setCompetition(c);
    const firstStage = Math.min(...h.items.map((x) => x.stageOrder));
    setHeats(h.items.filter((x) => x.stageOrder === firstStage));
  }, [params.competitionId, params.projectId, form]);

  useEffect(() => {
    load().catch(setError);
  }, [load]);

  const editable = !project || project.status === 'DRAFT';
  const timeZone = competition?.timeZone ?? DEFAULT_TIME_ZONE;
  const closed = competition ? Date.now() >= Date.parse(competition.registrationClosesAt) : false;

  const clean = (v: ProjectBody): ProjectBody => ({
    ...v,
    organisation: {
      name: v.organisation.name.trim(),
      city: v.organisation.city?.trim() || undefined,
      foundedAt: v.organisation.foundedAt || undefined,
    },
    team: v.team.map((m) => ({
      name: m.name.trim(),
      role: m.role.trim(),
      email: m.email?.trim() || undefined,
      overseasReturnee: !!m.overseasReturnee,
    })),
    fundingStage: v.fundingStage || undefined,
    pitchDeckUrl: v.pitchDeckUrl?.trim() || undefined,
  });

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
        api.POST('/api/v1/projects/{id}/submit', { params: { path: { id: saved.id } } }),
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
        >
          <Form.Item
            name="title"
            label={t('applicant.title')}
            rules={[{ required: true, max: 200 }]}
          >
            <Input />
          </Form.Item>
          <Form.Item
            name="summary"
            label={t('applicant.summary')}
            rules={[{ required: true, max: 5000 }]}
          >
            <Input.TextArea rows={4} showCount maxLength={5000} />
          </Form.Item>
          <Space wrap size="large" style={{ width: '100%' }}>
            <Form.Item
              name="trackCode"
              label={t('applicant.track')}
              rules={[{ required: true }]}
              style={{ minWidth: 220 }}
            >
              <Select
                options={competition?.tracks.map((x) => ({ value: x.code, label: x.name }))}
              />
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
              <Form.Item
                name={['organisation', 'name']}
                label={t('applicant.orgName')}
                rules={[{ required: true }]}
              >
                <Input style={{ minWidth: 260 }} />
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
            <Form.List
              name="team"
              rules={[
                {
                  validator: (_, v: unknown[]) =>
                    v?.length
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('applicant.teamRequired'))),
                },
              ]}
            >
              {(fields, { add, remove }, { errors }) => (
                <>
                  {fields.map((field, i) => (
                    <Space key={field.key} wrap align="end" className="team-row">
                      <Form.Item
                        name={[field.name, 'name']}
                        label={t('applicant.memberName', { n: i + 1 })}
                        rules={[{ required: true }]}
                      >
                        <Input />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'role']}
                        label={t('applicant.memberRole', { n: i + 1 })}
                        rules={[{ required: true }]}
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
          <Form.Item
            name="pitchDeckUrl"
            label={t('applicant.pitchDeckUrl')}
            rules={[{ type: 'url' }]}
          >
            <Input placeholder="https://" />
          </Form.Item>
        </Form>
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
