/* Shared helpers of the project's pages: the logged-in user, API calls with the CSRF token, escaping. */
let token = null;

/**
 * The CSRF token of the web apps' session. Camunda hands it out once per session (a cookie of the path /camunda and a
 * header of the answer that made it); whoever logged in through Tasklist or the welcome page gets it from /api/me.
 */
export async function csrfToken(refresh = false) {
  if (!token || refresh) {
    const me = await fetch('/api/me', { credentials: 'same-origin', headers: { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' } });
    if (me.status === 401 && endedForTheLimit(me) && window.location.pathname !== '/portal/login.html') {
      // before a change: asking Camunda below would give the browser a new session, and the reason would be lost (the
      // login page itself goes on: its login needs that new session's token)
      toLogin(me);
      throw new Error('请先登录');
    }
    token = me.ok ? (await me.json()).csrfToken || '' : '';
    if (!token) {
      // a session without a token yet: Camunda makes one (and its cookie, which Tasklist reads) and says it once
      const response = await fetch('/camunda/api/admin/auth/user/default', { credentials: 'same-origin' });
      token = response.headers.get('X-XSRF-TOKEN') || '';
    }
    if (!token) {
      // a session whose token was handed out before (a logout and a login again in this browser): ask for it
      const known = await fetch('/api/login-token', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
      token = known.ok ? (await known.json()).csrfToken || '' : '';
    }
  }
  return token;
}

/** Whether a 401 says the session was ended because the account logged in elsewhere once too often. */
function endedForTheLimit(response) {
  return response.headers.get('X-Session-Ended') === 'limit';
}

/** To the login page, back here afterwards; it says why when the session was ended for the limit. */
function toLogin(response) {
  window.location.href = '/portal/login.html?next=' + encodeURIComponent(window.location.pathname + window.location.search)
    + (endedForTheLimit(response) ? '&ended=limit' : '');
}

export async function api(path, options = {}) {
  const headers = Object.assign({ Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' }, options.headers || {});
  const changes = options.method && options.method !== 'GET';
  if (changes) {
    headers['X-XSRF-TOKEN'] = await csrfToken();
  }
  let response = await fetch(path, Object.assign({ credentials: 'same-origin' }, options, { headers }));
  if (changes && response.status === 403) {
    headers['X-XSRF-TOKEN'] = await csrfToken(true);
    response = await fetch(path, Object.assign({ credentials: 'same-origin' }, options, { headers }));
  }
  if (response.status === 401) {
    toLogin(response);
    throw new Error('请先登录');
  }
  const type = response.headers.get('Content-Type') || '';
  const body = type.includes('json') ? await response.json() : await response.text();
  if (!response.ok) {
    const message = (body && (body.detail || body.message)) || ('错误 ' + response.status);
    const error = new Error(message);
    error.status = response.status;
    error.body = body;
    throw error;
  }
  return body;
}

/** Text for HTML: every value a person typed is shown as text, never as markup. */
export function esc(value) {
  return String(value === null || value === undefined ? '' : value)
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * Shows places by name: from lists of {code, name} (the reference data's townships, villages, hospitals), a function
 * that gives a code's name as HTML, with the code on hover; an unknown code as it is.
 */
export function namer(...lists) {
  const names = new Map(lists.flat().map((o) => [o.code, o.name]));
  return (code) => (code ? `<span title="${esc(code)}">${esc(names.get(code) || code)}</span>` : '');
}

export function fmtTime(value) {
  if (!value) return '';
  const d = new Date(value);
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

export function fmtDuration(ms) {
  if (ms === null || ms === undefined) return '';
  const minutes = Math.round(ms / 60000);
  if (minutes < 60) return minutes + ' 分钟';
  const hours = Math.round(minutes / 60);
  if (hours < 48) return hours + ' 小时';
  return Math.round(hours / 24) + ' 天';
}

export async function header(active) {
  const me = await api('/api/me');
  const links = [['/portal/index.html', '首页', 'index']];
  if (me.canAudit) links.push(['/portal/audit.html', '案件查询与审计', 'audit']);
  else if (me.canSearchCases) links.push(['/portal/audit.html', '案件查询', 'audit']);
  if (me.canSeeReferralReport) links.push(['/portal/referral-report.html', '县外转诊统计', 'referral-report']);
  if (me.canSeeFollowupReport) links.push(['/portal/followup-report.html', '慢病随访统计', 'followup-report']);
  if (me.canBatchAudit) links.push(['/portal/referral-audit.html', '转诊批量审核', 'referral-audit']);
  if (me.canUseTasklist) links.push(['/camunda/app/tasklist/default/', '任务列表', 'tasklist']);
  const el = document.createElement('header');
  el.innerHTML = `<h1>健康扶贫业务协同</h1><nav>${links.map(([href, label, id]) =>
    `<a href="${href}" class="${id === active ? 'active' : ''}">${esc(label)}</a>`).join('')}</nav>
    <div class="user"><span title="${esc(me.userId)}">${esc(me.name)}</span> <a href="/portal/password.html">修改密码</a> <button class="secondary" id="logout">退出登录</button></div>`;
  document.body.prepend(el);
  el.querySelector('#logout').addEventListener('click', async () => {
    await fetch('/camunda/api/admin/auth/user/default/logout', { method: 'POST', credentials: 'same-origin', headers: { 'X-XSRF-TOKEN': await csrfToken() } });
    window.location.href = '/portal/login.html';
  });
  return me;
}

/**
 * On a phone a table's rows become cards: each cell names its column (data-label, from the table's head), so nothing
 * runs off the screen (portal.css, max-width 600px). Rows the pages add later are labelled as they come.
 */
function labelCells(root) {
  root.querySelectorAll('table').forEach((table) => {
    const heads = [...table.querySelectorAll('thead th')].map((th) => th.textContent.trim());
    if (!heads.length) return;
    table.classList.add('reflow');
    table.querySelectorAll('tbody tr').forEach((tr) => {
      [...tr.children].forEach((td, i) => {
        if (heads[i] && !td.hasAttribute('data-label') && !(td.colSpan > 1)) td.setAttribute('data-label', heads[i]);
      });
    });
  });
}
new MutationObserver(() => labelCells(document)).observe(document.documentElement, { childList: true, subtree: true });
