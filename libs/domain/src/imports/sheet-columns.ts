// Which spreadsheet columns an import understands, under the Chinese and
// English headers organisers and government portals actually write, and how
// a header row is matched to them. Plain data and functions: the api reads
// the file, this decides what its columns mean.

export type ImportKind = 'JUDGES' | 'PROJECTS';

export interface ColumnSpec {
  field: string;
  // Chinese first, then English; compared after normaliseHeader.
  headers: string[];
  required: boolean;
}

export const JUDGE_COLUMNS: readonly ColumnSpec[] = [
  {
    field: 'name',
    headers: ['姓名', '评委姓名', '专家姓名', 'name', 'full name', 'judge name'],
    required: true,
  },
  {
    field: 'email',
    headers: [
      '邮箱',
      '电子邮箱',
      '电子邮件',
      '邮件地址',
      'email',
      'e-mail',
      'email address',
      'mail',
    ],
    required: true,
  },
  {
    field: 'affiliation',
    headers: [
      '单位',
      '工作单位',
      '所在单位',
      '单位名称',
      'affiliation',
      'organisation',
      'organization',
      'institution',
      'company',
      'employer',
    ],
    required: false,
  },
  {
    field: 'phone',
    headers: [
      '电话',
      '手机',
      '手机号',
      '手机号码',
      '联系电话',
      '联系方式',
      'phone',
      'mobile',
      'telephone',
      'tel',
      'phone number',
    ],
    required: false,
  },
];

export const PROJECT_COLUMNS: readonly ColumnSpec[] = [
  {
    field: 'externalRef',
    headers: [
      '报名编号',
      '项目编号',
      '申报编号',
      '登记编号',
      '编号',
      'external ref',
      'reference',
      'ref',
      'registration no',
      'application no',
      'application id',
    ],
    required: false,
  },
  {
    field: 'title',
    headers: ['项目名称', '项目', 'title', 'project', 'project title', 'project name'],
    required: true,
  },
  {
    field: 'summary',
    headers: ['项目简介', '简介', '项目概述', '项目介绍', 'summary', 'description', 'abstract'],
    required: false,
  },
  {
    field: 'track',
    headers: ['赛道', '行业领域', '所属领域', '领域', '所属行业', 'track', 'sector', 'field'],
    required: true,
  },
  {
    field: 'heat',
    headers: ['赛区', '分赛区', '分站赛', '参赛赛区', 'heat', 'region'],
    required: false,
  },
  {
    field: 'organisation',
    headers: [
      '单位名称',
      '企业名称',
      '公司名称',
      '参赛单位',
      '申报单位',
      '所在单位',
      '单位',
      'organisation',
      'organization',
      'company',
      'organisation name',
      'company name',
    ],
    required: true,
  },
  { field: 'city', headers: ['所在城市', '城市', '所在地', 'city', 'location'], required: false },
  // The unit's province (所在省份): the expert draw's same-province recusal.
  {
    field: 'province',
    headers: [
      '所在省份',
      '省份',
      '所在省',
      '所属省份',
      '省',
      '省/自治区/直辖市',
      'province',
      'unit province',
    ],
    required: false,
  },
  {
    field: 'foundedAt',
    headers: [
      '成立时间',
      '成立日期',
      '注册时间',
      '注册日期',
      'founded',
      'founded at',
      'founded on',
      'date founded',
    ],
    required: false,
  },
  {
    field: 'contactName',
    headers: [
      '联系人',
      '负责人',
      '项目负责人',
      '联系人姓名',
      'contact',
      'contact name',
      'contact person',
      'leader',
    ],
    required: true,
  },
  {
    field: 'contactEmail',
    headers: ['联系邮箱', '联系人邮箱', '邮箱', '电子邮箱', 'contact email', 'email', 'e-mail'],
    required: true,
  },
  {
    field: 'contactPhone',
    headers: [
      '联系电话',
      '联系人电话',
      '手机',
      '电话',
      '手机号码',
      'contact phone',
      'phone',
      'mobile',
    ],
    required: false,
  },
  {
    field: 'team',
    headers: ['团队成员', '团队', '核心成员', '成员', 'team', 'team members', 'members'],
    required: false,
  },
  {
    field: 'fundingStage',
    headers: ['融资阶段', '融资情况', '融资轮次', 'funding stage', 'funding', 'round'],
    required: false,
  },
];

export const columnsOf = (kind: ImportKind) =>
  kind === 'JUDGES' ? JUDGE_COLUMNS : PROJECT_COLUMNS;

// Full-width to half-width (NFKC), lower case, without what decorates a
// header but does not name it: "邮箱（必填）*", "E-mail Address", " 姓 名 ".
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\(.*?\)|\[.*?\]|【.*?】/g, '')
    .replace(/[\s*_\-:.：·/\\#'"]/g, '');
}

// "A", "B", … "Z", "AA": how a spreadsheet names the column at this index.
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export interface MappedColumn {
  index: number;
  column: string;
  header: string;
  field: string;
}

export interface HeaderMapping {
  columns: MappedColumn[];
  ignored: { column: string; header: string }[];
  problems: {
    column: string | null;
    header: string | null;
    field: string;
    message: string;
    messageZh: string;
  }[];
}

// Each header to at most one field and each field to at most one column. A
// header that names several fields ("邮箱" in a project list) goes to the
// first field not already named more precisely by another column.
export function mapHeaders(kind: ImportKind, headers: string[]): HeaderMapping {
  return mapColumns(columnsOf(kind), headers);
}

/** mapHeaders for any set of columns (the expert pool's, libs/domain experts). */
export function mapColumns(specs: readonly ColumnSpec[], headers: string[]): HeaderMapping {
  const normalised = headers.map((h) => normaliseHeader(h ?? ''));
  const candidates = normalised.map((h) =>
    h ? specs.filter((s) => s.headers.some((a) => normaliseHeader(a) === h)) : [],
  );
  const taken = new Map<string, MappedColumn>();
  const problems: HeaderMapping['problems'] = [];
  const ignored: HeaderMapping['ignored'] = [];
  // Columns with a single meaning claim their field first.
  const order = headers
    .map((_, i) => i)
    .sort((a, b) => (candidates[a].length || 99) - (candidates[b].length || 99) || a - b);
  for (const i of order) {
    const header = (headers[i] ?? '').trim();
    const column = columnLetter(i);
    if (!candidates[i].length) {
      if (header) ignored.push({ column, header });
      continue;
    }
    const free = candidates[i].find((s) => !taken.has(s.field));
    if (!free) {
      const field = candidates[i][0].field;
      const first = taken.get(field)!;
      problems.push({
        column,
        header,
        field,
        message: `column ${column} "${header}" repeats column ${first.column} "${first.header}" (${field})`,
        messageZh: `第 ${column} 列「${header}」与第 ${first.column} 列「${first.header}」重复`,
      });
      continue;
    }
    taken.set(free.field, { index: i, column, header, field: free.field });
  }
  for (const spec of specs) {
    if (spec.required && !taken.has(spec.field)) {
      problems.push({
        column: null,
        header: null,
        field: spec.field,
        message: `no column for ${spec.field}: add one headed "${spec.headers[0]}" or "${spec.headers.find((h) => /^[a-z]/i.test(h))}"`,
        messageZh: `缺少「${spec.headers[0]}」列`,
      });
    }
  }
  ignored.sort((a, b) => a.column.length - b.column.length || a.column.localeCompare(b.column));
  return {
    columns: [...taken.values()].sort((a, b) => a.index - b.index),
    ignored,
    problems,
  };
}
