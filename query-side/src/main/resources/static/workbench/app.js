'use strict';
// The audit workbench: plain JS over the query-side API, nothing loaded from elsewhere. The credentials
// live in sessionStorage only (gone with the tab) and go with every call as an Authorization header.

const ZONE = 'Asia/Shanghai';
const AUTH_KEY = 'xiaoneng.workbench.auth';
const PAGE_SIZES = [5, 10, 20, 50, 100];

const ROLE_NAMES = {LEADER: '领导', AUDITOR: '审计', SUPERVISOR: '督查', AGENCY: '办件机构', ADMIN: '管理员'};
const EVENT_NAMES = {
  CaseSubmitted: '申请提交', CaseAccepted: '受理', CaseNotAccepted: '不予受理', CaseCorrected: '补正',
  AcceptanceRevoked: '撤销受理', CaseSuspended: '暂停计时', CaseResumed: '恢复计时', CaseExtended: '延期',
  CaseCompleted: '办结', CaseRated: '好差评', BadRatingRectified: '差评整改',
  DefaultRatingSuperseded: '默认好评被实评取代', AcceptanceReinstated: '恢复受理',
};
const FIELD_NAMES = {
  itemCode: '事项编码', itemName: '事项名称', itemVersion: '事项版本', itemType: '事项类型', agencyCode: '机构代码',
  agencyName: '办理机构', applicantType: '申请人类型', applicantId: '申请人（假名）', channel: '渠道',
  acceptingRegion: '受理地', handlingRegion: '办理地', crossRegionMode: '通办模式', statutoryLimitDays: '法定时限（工作日）',
  promisedLimitDays: '承诺时限（工作日）', dueAt: '到期时间', dueProvisional: '到期时间待定', deficiency: '容缺受理',
  reason: '原因', referTo: '转办至', items: '补正材料', automatic: '自动', procedure: '特别程序',
  suspendedWorkingDays: '暂停工作日', days: '延期工作日', outcome: '办结结果', onTime: '按时', score: '评分',
  comment: '评价内容', defaulted: '默认评价', rectificationDueAt: '整改期限', measures: '整改措施',
  supersededRatedAt: '被取代评价时间', supersededScore: '被取代评分', revokedAt: '撤销时间',
};
const VALUE_NAMES = {
  ONLINE: '网上办', HALL: '窗口办', MOBILE: '掌上办', SELF_SERVICE: '自助办', PERSON: '自然人', ORGANIZATION: '法人',
  LOCAL: '本地办', WITHIN_REGION: '疆内通办', CROSS_PROVINCE: '跨省通办', APPROVED: '批准', DENIED: '不予批准',
  FORWARDED: '转报', TERMINATED: '终止',
};
const SCORE_NAMES = {1: '非常不满意', 2: '不满意', 3: '基本满意', 4: '满意', 5: '非常满意'};
const WARNINGS = {RED: ['超期', 'red'], YELLOW: ['即将超期', 'yellow']};

const $ = id => document.getElementById(id);

const session = {auth: null, me: null, filters: {}, tables: {}};

class ApiError extends Error {
  constructor(status, body, retryAfter) {
    super(body && body.message ? body.message : 'HTTP ' + status);
    this.status = status;
    this.body = body || {};
    this.retryAfter = retryAfter;
  }
}

/** GET path?params with the credentials; resolves to the (ok) Response, rejects with ApiError. */
async function api(path, params = {}) {
  const url = new URL(path, location.origin);
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') {
      url.searchParams.set(name, value);
    }
  }
  // credentials 'omit': a 401 must not open the browser's own Basic sign-in dialog
  const response = await fetch(url, {headers: {Authorization: session.auth}, credentials: 'omit'});
  if (!response.ok) {
    let body = null;
    try {
      body = await response.json();
    } catch (ignored) {
      // not every failure comes with the JSON error body (e.g. a proxy in between)
    }
    throw new ApiError(response.status, body, response.headers.get('Retry-After'));
  }
  return response;
}

async function getJson(path, params) {
  return (await api(path, params)).json();
}

/** An error in plain Chinese, with the HTTP status and the server's own words. */
function describe(error) {
  if (!(error instanceof ApiError)) {
    return '无法连接查询服务（' + error.message + '）';
  }
  const body = error.body;
  let text;
  if (error.status === 400) {
    text = '请求参数有误' + (body.field ? '（' + body.field + '）' : '');
  } else if (error.status === 401) {
    text = '未登录或用户名、密码错误';
  } else if (error.status === 403) {
    text = body.rule === 'in_scope' ? '所选区域超出您的权限范围' : '您的角色无权访问此数据';
  } else if (error.status === 404) {
    text = '未找到';
  } else if (error.status === 429) {
    const wait = Number(error.retryAfter);
    text = '登录失败次数过多，请' + (wait > 0 ? '在 ' + Math.ceil(wait / 60) + ' 分钟后' : '稍后') + '再试';
  } else {
    text = '查询服务出错';
  }
  return text + '（HTTP ' + error.status + (body.message ? '：' + body.message : '') + '）';
}

function showError(context, error) {
  if (error instanceof ApiError && error.status === 401 && session.me) {
    signOut('登录已失效，请重新登录。');
    return;
  }
  const banner = $('error');
  const line = document.createElement('div');
  line.textContent = context + '：' + describe(error);
  banner.append(line);
  banner.hidden = false;
}

function clearErrors() {
  $('error').replaceChildren();
  $('error').hidden = true;
}

// ---- formatting ---------------------------------------------------------------------------------

const TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit',
  hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
});

/** An instant as Beijing time, "2025-07-01 10:00" (with seconds on request); "—" for none. */
function formatTime(iso, seconds = false) {
  if (!iso) {
    return '—';
  }
  const p = Object.fromEntries(TIME.formatToParts(new Date(iso)).map(part => [part.type, part.value]));
  return p.year + '-' + p.month + '-' + p.day + ' ' + p.hour + ':' + p.minute + (seconds ? ':' + p.second : '');
}

/**
 * A due instant: cases and rectifications are due at 24:00 of their last day (Beijing time), which
 * reads better as "2025-09-19 24:00" than as the next day's 00:00.
 */
function formatDue(iso) {
  if (!iso) {
    return '—';
  }
  const time = formatTime(iso, true);
  if (!time.endsWith(' 00:00:00')) {
    return time.slice(0, 16);
  }
  const day = new Date(Date.parse(time.slice(0, 10) + 'T00:00:00Z') - 86400000).toISOString().slice(0, 10);
  return day + ' 24:00';
}

/** A 4-decimal rate as a percentage with one decimal, rounded half up like the API's own rounding. */
function percent(rate) {
  if (rate === null || rate === undefined) {
    return '—';
  }
  const basisPoints = Math.round(Number(rate) * 10000);
  return (Math.round(basisPoints / 10) / 10).toFixed(1) + '%';
}

function count(value) {
  return value === null || value === undefined ? '—' : Number(value).toLocaleString('zh-CN');
}

function regionLabel(code) {
  if (!code) {
    return '—';
  }
  const me = session.me;
  const names = new Map(me.prefectures.map(p => [p.code, p.name]));
  if (me.scope.name) {
    names.set(me.scope.code, me.scope.name);
  }
  const name = names.get(code) || names.get(code.slice(0, 4) + '00');
  return name ? code + ' ' + name : code;
}

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) {
    node.textContent = text;
  }
  if (className) {
    node.className = className;
  }
  return node;
}

function caseLink(caseId) {
  const link = element('a', caseId, 'case-link');
  link.href = '#/cases/' + encodeURIComponent(caseId);
  return link;
}

function yesNo(value) {
  return value === null || value === undefined ? '—' : (value ? '是' : '否');
}

// ---- paged, sortable tables ---------------------------------------------------------------------

/**
 * A table over one of the API's paged lists ({page, size, sort, total, totalPages, rows}). Columns with
 * a sort key sort on a click on their header (again: the other direction); sorting and paging happen
 * on the server.
 */
class PagedTable {
  constructor({table, pager, path, columns, defaultSort, params}) {
    this.table = $(table);
    this.pager = $(pager);
    this.path = path;
    this.columns = columns;
    this.params = params;
    this.sort = defaultSort;
    this.page = 0;
    this.size = 10;
    this.request = 0;
  }

  reload() {
    this.page = 0;
    return this.load();
  }

  async load() {
    const request = ++this.request;
    this.table.setAttribute('aria-busy', 'true');
    try {
      const answer = await getJson(this.path, {...this.params(), page: this.page, size: this.size, sort: this.sort});
      if (request === this.request) {
        this.render(answer);
      }
    } catch (error) {
      if (request === this.request) {
        this.render({page: 0, size: this.size, total: 0, totalPages: 0, rows: []});
        showError(this.table.closest('section').querySelector('h2').textContent + '加载失败', error);
      }
    } finally {
      if (request === this.request) {
        this.table.removeAttribute('aria-busy');
      }
    }
  }

  render(answer) {
    const [sortKey, direction] = this.sort.split(',');
    const head = element('tr');
    for (const column of this.columns) {
      const th = element('th');
      th.dataset.column = column.key;
      if (column.sort) {
        const button = element('button', column.label, 'sort');
        button.type = 'button';
        if (column.sort === sortKey) {
          th.setAttribute('aria-sort', direction === 'desc' ? 'descending' : 'ascending');
          button.append(element('span', direction === 'desc' ? ' ▼' : ' ▲', 'arrow'));
        }
        button.addEventListener('click', () => {
          this.sort = column.sort + ',' + (column.sort === sortKey && direction === 'asc' ? 'desc' : 'asc');
          this.reload();
        });
        th.append(button);
      } else {
        th.textContent = column.label;
      }
      head.append(th);
    }
    const body = element('tbody');
    for (const row of answer.rows) {
      const tr = element('tr');
      for (const column of this.columns) {
        const td = element('td');
        td.dataset.column = column.key;
        const value = column.render ? column.render(row) : row[column.key];
        td.append(value instanceof Node ? value : document.createTextNode(value ?? '—'));
        tr.append(td);
      }
      body.append(tr);
    }
    if (answer.rows.length === 0) {
      const td = element('td', '无记录', 'empty');
      td.colSpan = this.columns.length;
      const tr = element('tr');
      tr.append(td);
      body.append(tr);
    }
    this.table.replaceChildren(element('thead'), body);
    this.table.tHead.append(head);
    this.renderPager(answer);
  }

  renderPager(answer) {
    const pages = Math.max(answer.totalPages, 1);
    const previous = element('button', '上一页', 'secondary prev');
    previous.type = 'button';
    previous.disabled = this.page === 0;
    previous.addEventListener('click', () => {
      this.page -= 1;
      this.load();
    });
    const next = element('button', '下一页', 'secondary next');
    next.type = 'button';
    next.disabled = this.page + 1 >= pages;
    next.addEventListener('click', () => {
      this.page += 1;
      this.load();
    });
    const info = element('span', '第 ' + (this.page + 1) + ' / ' + pages + ' 页，共 ' + answer.total + ' 条', 'info');
    const size = element('select', null, 'size');
    for (const option of PAGE_SIZES) {
      const item = element('option', '每页 ' + option + ' 条');
      item.value = String(option);
      item.selected = option === this.size;
      size.append(item);
    }
    size.addEventListener('change', () => {
      this.size = Number(size.value);
      this.reload();
    });
    this.pager.replaceChildren(previous, info, next, size);
  }
}

function overdueTable() {
  return new PagedTable({
    table: 'overdue-table', pager: 'overdue-pager', path: '/api/audit/overdue', defaultSort: 'dueAt,asc',
    params: () => ({...session.filters, state: $('overdue-state').value}),
    columns: [
      {key: 'caseId', label: '办件编号', sort: 'caseId', render: row => caseLink(row.caseId)},
      {key: 'itemName', label: '事项', sort: 'itemName', render: row => row.itemName + '（' + row.itemCode + '）'},
      {key: 'agencyName', label: '办理机构', sort: 'agency'},
      {key: 'handlingRegion', label: '办理地', sort: 'handlingRegion', render: row => regionLabel(row.handlingRegion)},
      {key: 'acceptedAt', label: '受理时间', sort: 'acceptedAt', render: row => formatTime(row.acceptedAt)},
      {key: 'dueAt', label: '到期时间', sort: 'dueAt', render: row => formatDue(row.dueAt)},
      {key: 'completedAt', label: '办结时间', sort: 'completedAt', render: row => formatTime(row.completedAt)},
      {key: 'overdueWorkingDays', label: '超期工作日', sort: 'overdueWorkingDays'},
      {key: 'warningLevel', label: '预警', render: row => warningBadge(row.warningLevel)},
    ],
  });
}

function warningBadge(level) {
  if (!WARNINGS[level]) {
    return '—';
  }
  const [text, color] = WARNINGS[level];
  return element('span', text, 'badge ' + color);
}

function poorTable() {
  return new PagedTable({
    table: 'poor-table', pager: 'poor-pager', path: '/api/audit/poor-ratings', defaultSort: 'ratedAt,asc',
    params: () => ({...session.filters, rectified: $('poor-rectified').value}),
    columns: [
      {key: 'caseId', label: '办件编号', sort: 'caseId', render: row => caseLink(row.caseId)},
      {key: 'score', label: '评分', sort: 'score', render: row => row.score + ' 分 ' + SCORE_NAMES[row.score]},
      {key: 'ratedAt', label: '评价时间', sort: 'ratedAt', render: row => formatTime(row.ratedAt)},
      {key: 'rectificationDueAt', label: '整改期限', sort: 'rectificationDueAt',
        render: row => formatDue(row.rectificationDueAt)},
      {key: 'rectifiedAt', label: '整改时间', sort: 'rectifiedAt', render: row => formatTime(row.rectifiedAt)},
      {key: 'rectifiedOnTime', label: '按期整改', render: row => yesNo(row.rectifiedOnTime)},
      {key: 'itemCode', label: '事项编码'},
      {key: 'agencyCode', label: '机构代码'},
      {key: 'handlingRegion', label: '办理地', render: row => regionLabel(row.handlingRegion)},
    ],
  });
}

function exportsTable() {
  return new PagedTable({
    table: 'exports-table', pager: 'exports-pager', path: '/api/reports/exports', defaultSort: 'exportedAt,desc',
    params: () => ({}),
    columns: [
      {key: 'exportedAt', label: '导出时间', sort: 'exportedAt', render: row => formatTime(row.exportedAt, true)},
      {key: 'username', label: '导出人', sort: 'username'},
      {key: 'userRegion', label: '导出人区域', render: row => regionLabel(row.userRegion)},
      {key: 'report', label: '报表', render: row => ({assessment: '绩效考核'})[row.report] || row.report},
      {key: 'format', label: '格式', render: row => row.format.toUpperCase()},
      {key: 'period', label: '周期'},
      {key: 'groupBy', label: '维度', render: row => ({prefecture: '按地州', agency: '按机构'})[row.groupBy] || row.groupBy},
      {key: 'region', label: '报表区域', render: row => regionLabel(row.region)},
      {key: 'rows', label: '行数'},
    ],
  });
}

// ---- headline metrics ---------------------------------------------------------------------------

let metricsRequest = 0;

function setMetric(name, value, sub) {
  const card = document.querySelector('.metric[data-metric="' + name + '"]');
  card.querySelector('.value').textContent = value;
  card.querySelector('.sub').textContent = sub;
}

async function loadMetrics() {
  const request = ++metricsRequest;
  const section = $('metrics');
  section.setAttribute('aria-busy', 'true');
  try {
    const [compliance, ratings, cross] = await Promise.all([
      getJson('/api/metrics/compliance', session.filters),
      getJson('/api/metrics/ratings', session.filters),
      getJson('/api/metrics/cross-region', session.filters),
    ]);
    if (request !== metricsRequest) {
      return;
    }
    const c = compliance.total;
    const r = ratings.total;
    const x = cross.total;
    setMetric('completed', count(c.completed), '按时 ' + count(c.onTime) + ' · 超期 ' + count(c.late));
    setMetric('onTimeRate', percent(c.onTimeRate),
        c.avgWorkingDays === null ? '' : '平均用时 ' + Number(c.avgWorkingDays).toFixed(1) + ' 个工作日');
    setMetric('openOverdue', count(c.openOverdue), '截至 ' + formatTime(compliance.filters.asOf));
    setMetric('goodRate', percent(r.goodRate), '评价 ' + count(r.ratings) + ' 条 · 好评 ' + count(r.good) + ' 条');
    setMetric('rectificationRate', percent(r.rectificationRate),
        '差评 ' + count(r.bad) + ' 条 · 已整改 ' + count(r.rectified) + ' 条');
    setMetric('crossShare', percent(x.crossShare),
        '疆内 ' + count(x.withinRegion) + ' · 跨省 ' + count(x.crossProvince) + ' / 申请 ' + count(x.submitted));
  } catch (error) {
    if (request === metricsRequest) {
      for (const card of document.querySelectorAll('.metric')) {
        setMetric(card.dataset.metric, '–', '');
      }
      showError('指标加载失败', error);
    }
  } finally {
    if (request === metricsRequest) {
      section.removeAttribute('aria-busy');
    }
  }
}

// ---- filters ------------------------------------------------------------------------------------

function can(...roles) {
  return roles.some(role => session.me.roles.includes(role));
}

function readFilters() {
  const code = $('region-code').value.trim();
  const filters = {
    region: code || $('region').value, agency: $('agency').value.trim(), from: $('from').value, to: $('to').value,
  };
  return Object.fromEntries(Object.entries(filters).filter(([, value]) => value));
}

function describeFilters(filters) {
  const parts = [filters.region ? regionLabel(filters.region) : '全部（' + regionLabel(session.me.scope.code) + '）'];
  if (filters.agency) {
    parts.push('机构 ' + filters.agency);
  }
  parts.push((filters.from || '…') + ' 至 ' + (filters.to || '…'));
  return '当前：' + parts.join(' · ');
}

function query() {
  clearErrors();
  session.filters = readFilters();
  $('applied').textContent = describeFilters(session.filters);
  if (can('LEADER', 'AUDITOR', 'SUPERVISOR', 'ADMIN')) {
    loadMetrics();
  }
  if (can('AUDITOR', 'ADMIN')) {
    session.tables.overdue.reload();
    session.tables.poor.reload();
  }
}

// ---- timeline -----------------------------------------------------------------------------------

let timelineRequest = 0;

function route() {
  const match = location.hash.match(/^#\/cases\/([^/]+)$/);
  if (match && session.me) {
    openTimeline(decodeURIComponent(match[1]));
  } else {
    $('timeline').hidden = true;
  }
}

async function openTimeline(caseId) {
  const request = ++timelineRequest;
  const body = $('timeline-body');
  $('timeline-case').textContent = caseId;
  $('timeline').hidden = false;
  if (!can('AUDITOR', 'ADMIN')) {
    body.replaceChildren(element('p', '您的角色无权查看办件时间线（需审计或管理员角色）。', 'error-text'));
    return;
  }
  body.replaceChildren(element('p', '加载中…', 'muted'));
  try {
    const timeline = await getJson('/api/cases/' + encodeURIComponent(caseId) + '/timeline');
    if (request === timelineRequest) {
      body.replaceChildren(renderTimeline(timeline));
    }
  } catch (error) {
    if (request !== timelineRequest) {
      return;
    }
    if (error instanceof ApiError && error.status === 401) {
      showError('时间线加载失败', error);
    } else {
      body.replaceChildren(element('p', '时间线加载失败：' + describe(error), 'error-text'));
    }
  }
}

function renderTimeline(timeline) {
  const list = element('ol', null, 'events');
  for (const event of timeline.events) {
    const item = element('li', null, 'event');
    item.dataset.type = event.type;
    const head = element('div', null, 'event-head');
    head.append(element('time', formatTime(event.occurredAt, true), 'occurred'),
        element('strong', EVENT_NAMES[event.type] || event.type, 'event-name'),
        element('span', event.type, 'muted event-type'));
    item.append(head);
    const details = element('dl', null, 'event-data');
    for (const [key, value] of Object.entries(event.data || {})) {
      if (key === 'caseId' || key === 'occurredAt' || value === null) {
        continue;
      }
      details.append(element('dt', FIELD_NAMES[key] || key), element('dd', fieldValue(key, value)));
    }
    details.append(element('dt', '记录时间'), element('dd', formatTime(event.recordedAt, true)));
    item.append(details);
    list.append(item);
  }
  if (timeline.events.length === 0) {
    return element('p', '该办件没有事件记录。', 'muted');
  }
  return list;
}

function fieldValue(key, value) {
  if (typeof value === 'boolean') {
    return value ? '是' : '否';
  }
  if (typeof value === 'string' && /DueAt$|^dueAt$/.test(key)) {
    return formatDue(value);
  }
  if (typeof value === 'string' && /At$/.test(key)) {
    return formatTime(value, true);
  }
  if (key === 'acceptingRegion' || key === 'handlingRegion') {
    return regionLabel(value);
  }
  if (typeof value === 'string') {
    return VALUE_NAMES[value] || value;
  }
  if (key === 'score') {
    return value + ' 分 ' + (SCORE_NAMES[value] || '');
  }
  return Array.isArray(value) && value.every(v => typeof v === 'string') ? value.join('、') : JSON.stringify(value);
}

// ---- reports ------------------------------------------------------------------------------------

function reportPeriod() {
  const year = $('report-year').value;
  const kind = $('report-kind').value;
  if (kind === 'quarter') {
    return year + '-Q' + $('report-quarter').value;
  }
  return kind === 'month' ? year + '-' + $('report-month').value : year;
}

function showReportKind() {
  $('report-quarter-label').hidden = $('report-kind').value !== 'quarter';
  $('report-month-label').hidden = $('report-kind').value !== 'month';
}

/** The name the server gave the file (RFC 6266: filename* preferred). */
function fileName(disposition) {
  const extended = /filename\*=UTF-8''([^;]+)/i.exec(disposition || '');
  if (extended) {
    return decodeURIComponent(extended[1]);
  }
  const plain = /filename="([^"]+)"/i.exec(disposition || '');
  return plain ? plain[1] : null;
}

async function download(format) {
  const status = $('report-status');
  const buttons = document.querySelectorAll('#report-form button');
  const period = reportPeriod();
  status.textContent = '正在生成 ' + period + ' 报表…';
  buttons.forEach(button => { button.disabled = true; });
  try {
    const response = await api('/api/reports/assessment', {
      period, groupBy: $('report-group').value, format, region: session.filters.region,
    });
    const blob = await response.blob();
    const name = fileName(response.headers.get('Content-Disposition')) || 'assessment-' + period + '.' + format;
    const link = element('a');
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    // the browser reads the blob after click() returns; release it once the download surely started
    setTimeout(() => URL.revokeObjectURL(link.href), 60000);
    status.textContent = '已下载 ' + name + '（' + Math.ceil(blob.size / 1024) + ' KB）。本次导出已记入导出审计日志。';
    if (can('ADMIN')) {
      session.tables.exports.reload();
    }
  } catch (error) {
    status.textContent = '';
    showError('报表导出失败', error);
  } finally {
    buttons.forEach(button => { button.disabled = false; });
  }
}

// ---- sign-in ------------------------------------------------------------------------------------

function basic(user, password) {
  const bytes = new TextEncoder().encode(user + ':' + password);
  return 'Basic ' + btoa(String.fromCharCode(...bytes));
}

async function signIn(event) {
  event.preventDefault();
  const message = $('sign-in-error');
  message.hidden = true;
  const token = $('token').value.trim();
  const user = $('username').value.trim();
  const password = $('password').value;
  if (!token && (!user || !password)) {
    message.textContent = '请输入用户名和密码。';
    message.hidden = false;
    return;
  }
  session.auth = token ? 'Bearer ' + token : basic(user, password);
  $('sign-in-button').disabled = true;
  try {
    const me = await getJson('/api/me');
    sessionStorage.setItem(AUTH_KEY, session.auth);
    $('password').value = '';
    $('token').value = '';
    start(me);
  } catch (error) {
    session.auth = null;
    message.textContent = error instanceof ApiError && error.status === 401
        ? (token ? '访问令牌无效或已过期。' : '用户名或密码错误。')
        : '登录失败：' + describe(error);
    message.hidden = false;
  } finally {
    $('sign-in-button').disabled = false;
  }
}

function signOut(reason) {
  sessionStorage.removeItem(AUTH_KEY);
  session.auth = null;
  session.me = null;
  // answers still on their way belong to the old sign-in: drop them
  Object.values(session.tables).forEach(table => { table.request++; });
  metricsRequest++;
  timelineRequest++;
  clearErrors();
  $('workbench').hidden = true;
  $('who').hidden = true;
  $('timeline').hidden = true;
  $('sign-in').hidden = false;
  const message = $('sign-in-error');
  message.textContent = reason || '';
  message.hidden = !reason;
  $('username').focus();
}

function fillRegions(me) {
  const select = $('region');
  const all = element('option', '全部（' + (me.scope.name || me.scope.code) + '）');
  all.value = '';
  select.replaceChildren(all);
  for (const prefecture of me.prefectures) {
    const option = element('option', prefecture.name + '（' + prefecture.code + '）');
    option.value = prefecture.code;
    select.append(option);
  }
}

function fillReportDefaults(today) {
  // the last complete quarter: the current one has barely any completed cases yet
  const quarter = Math.floor((today.getUTCMonth()) / 3);
  $('report-year').value = quarter === 0 ? today.getUTCFullYear() - 1 : today.getUTCFullYear();
  $('report-quarter').value = String(quarter === 0 ? 4 : quarter);
  $('report-kind').value = 'quarter';
  const month = $('report-month');
  month.replaceChildren();
  for (let m = 1; m <= 12; m++) {
    const option = element('option', m + ' 月');
    option.value = String(m).padStart(2, '0');
    month.append(option);
  }
  month.value = String(today.getUTCMonth() + 1).padStart(2, '0');
  showReportKind();
}

function start(me) {
  session.me = me;
  $('who-name').textContent = me.user;
  $('who-roles').textContent = me.roles.map(role => ROLE_NAMES[role] || role).join('、');
  $('who-scope').textContent = '范围：' + regionLabel(me.scope.code);
  $('who').hidden = false;
  $('sign-in').hidden = true;
  $('workbench').hidden = false;

  let visible = 0;
  for (const section of document.querySelectorAll('[data-roles]')) {
    section.hidden = !can(...section.dataset.roles.split(' '));
    visible += section.hidden ? 0 : 1;
  }
  $('filters').hidden = visible === 0;
  $('no-access').hidden = visible > 0;
  $('no-access').textContent = '您的角色（' + $('who-roles').textContent + '）在本工作台没有可查看的数据。';

  fillRegions(me);
  $('region-code').value = '';
  $('agency').value = '';
  // the server's day (Asia/Shanghai) and this year up to it: the API's own default period
  $('from').value = me.today.slice(0, 4) + '-01-01';
  $('to').value = me.today;
  fillReportDefaults(new Date(me.today + 'T00:00:00Z'));

  session.tables = {overdue: overdueTable(), poor: poorTable(), exports: exportsTable()};
  if (visible > 0) {
    query();
  }
  if (can('ADMIN')) {
    session.tables.exports.load();
  }
  route();
}

async function resume() {
  session.auth = sessionStorage.getItem(AUTH_KEY);
  if (!session.auth) {
    signOut();
    return;
  }
  try {
    start(await getJson('/api/me'));
  } catch (error) {
    signOut(error instanceof ApiError && error.status === 401 ? '登录已失效，请重新登录。' : '登录失败：' + describe(error));
  }
}

document.addEventListener('DOMContentLoaded', () => {
  $('sign-in-form').addEventListener('submit', signIn);
  $('sign-out').addEventListener('click', () => signOut());
  $('filters').addEventListener('submit', event => {
    event.preventDefault();
    query();
  });
  $('overdue-state').addEventListener('change', () => session.tables.overdue.reload());
  $('poor-rectified').addEventListener('change', () => session.tables.poor.reload());
  $('report-kind').addEventListener('change', showReportKind);
  for (const button of document.querySelectorAll('#report-form button[data-format]')) {
    button.addEventListener('click', () => download(button.dataset.format));
  }
  $('timeline-close').addEventListener('click', () => {
    location.hash = '#/';
  });
  document.addEventListener('keydown', event => {
    if (event.key === 'Escape' && !$('timeline').hidden) {
      location.hash = '#/';
    }
  });
  window.addEventListener('hashchange', route);
  resume();
});
